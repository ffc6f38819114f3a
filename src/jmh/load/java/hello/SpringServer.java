package hello;

import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Spring Boot with {@code spring-boot-starter-jersey} on a free loopback port that it prints. With the
 * argument {@code own} it registers Spring's own {@link CorsFilter} first, with the policy the library
 * reads from {@code cors.allowed-origins} by default: that one origin, GET, HEAD and POST, a max-age of
 * 86400 s, no credentials, no other request header. Otherwise CORS is handled only if the library's jar
 * is on the classpath (its auto-configuration installs it, reading the same property).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SpringServer {

    @Bean
    ResourceConfig resourceConfig() {
        return new ResourceConfig(Hello.class);
    }

    @Bean
    @ConditionalOnProperty(name = "load.spring-cors", havingValue = "true")
    FilterRegistrationBean<CorsFilter> springCorsFilter(Environment environment) {
        CorsConfiguration policy = new CorsConfiguration();
        policy.setAllowedOrigins(List.of(environment.getRequiredProperty("cors.allowed-origins")));
        policy.setAllowedMethods(List.of("GET", "HEAD", "POST"));
        policy.setMaxAge(86400L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", policy);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    public static void main(String[] args) {
        boolean own = args.length > 0 && args[0].equals("own");
        ConfigurableApplicationContext context = SpringApplication.run(SpringServer.class, "--server.address=127.0.0.1",
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--load.spring-cors=" + own);
        System.out.println("PORT " + context.getEnvironment().getProperty("local.server.port"));
    }
}
