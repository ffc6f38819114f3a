package io.github.jaxrscors.compat.spring.prototype;

import io.github.jaxrscors.SpringPrototype;
import jakarta.servlet.Filter;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jersey.autoconfigure.JerseyApplicationPath;
import org.springframework.boot.jersey.autoconfigure.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * PROTOTYPE of the auto-configuration that the library's Spring glue is to ship (listed in this
 * module's {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}):
 * switched on here by {@code compat.prototype=true} only, so that every other row of the matrix runs
 * the library as it is. The real one applies wherever Spring Boot's Jersey support applies.
 *
 * <ul>
 *   <li>a {@code ResourceConfigCustomizer} registers {@code CorsFeature} reading Spring's
 *       {@code Environment}: Jersey's drop-in then sees {@code CorsFeature} registered and stays out,
 *       and no MicroProfile Config is needed;</li>
 *   <li>a servlet filter on the Jersey path, ordered before Spring Security's
 *       {@code springSecurityFilterChain} ({@code spring.security.filter.order}, default -100), takes
 *       the library's decision first.</li>
 * </ul>
 */
@AutoConfiguration
@ConditionalOnProperty(name = "compat.prototype", havingValue = "true")
@ConditionalOnClass(ResourceConfig.class)
@ConditionalOnBean(ResourceConfig.class)
public class SpringIntegrationPrototype {

    /** Spring Boot's default {@code spring.security.filter.order} ({@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}). */
    private static final int DEFAULT_SECURITY_ORDER = -100;

    private final AtomicReference<Object> deployment = new AtomicReference<>();

    @Bean
    ResourceConfigCustomizer corsFromSpringEnvironment(ConfigurableEnvironment environment) {
        return config -> config.registerInstances((Object[]) SpringPrototype.features(environment, deployment));
    }

    @Bean
    FilterRegistrationBean<Filter> corsBeforeSecurity(JerseyApplicationPath path, ConfigurableEnvironment environment) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(SpringPrototype.filter(deployment, path.getPrefix()));
        registration.addUrlPatterns(path.getUrlMapping());
        // Read as a property, so that no class of Spring Security is needed where it is absent.
        registration.setOrder(environment.getProperty("spring.security.filter.order", Integer.class, DEFAULT_SECURITY_ORDER) - 1);
        return registration;
    }
}
