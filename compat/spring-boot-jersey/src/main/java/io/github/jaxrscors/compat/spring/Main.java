package io.github.jaxrscors.compat.spring;

import io.github.jaxrscors.compat.app.Resources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

/**
 * The application as a Spring Boot user writes it with {@code spring-boot-starter-jersey}: a
 * {@code ResourceConfig} bean naming the resources, served under {@code spring.jersey.application-path}.
 * Started as {@code Main --server.port=P ...}; every other switch is a Spring property.
 *
 * <p>A line {@code set key=value} on standard input puts the property into a property source ahead of
 * all others, as an application that keeps settings in a database or changes them from an admin
 * endpoint does: Spring Boot re-reads no file while it runs. A line {@code refresh} asks Spring
 * Cloud's {@code ContextRefresher} to read the configuration files again, as its
 * {@code /actuator/refresh} endpoint or a Spring Cloud Bus event does (only with Spring Cloud's
 * context on the classpath).
 */
@SpringBootApplication
public class Main {

    static final String RUNTIME_SOURCE = "compat-runtime-settings";

    @Bean
    ResourceConfig resourceConfig() {
        ResourceConfig config = new ResourceConfig();
        Resources.CLASSES.forEach(config::register);
        return config;
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(Main.class, args);
        Map<String, Object> settings = new ConcurrentHashMap<>();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(RUNTIME_SOURCE, settings));
        System.out.println("started http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("set ")) {
                    String[] setting = line.substring(4).split("=", 2);
                    settings.put(setting[0], setting[1]);
                    System.out.println("set " + setting[0]);
                } else if (line.equals("refresh")) {
                    System.out.println("refreshed " + SpringCloud.refresh(context));
                }
            }
        }
        Thread.currentThread().join();
    }

    /** Names Spring Cloud's types, so that {@code Main} loads where Spring Cloud is left out. */
    private static final class SpringCloud {
        static Set<String> refresh(ConfigurableApplicationContext context) {
            return context.getBean(ContextRefresher.class).refresh();
        }
    }
}
