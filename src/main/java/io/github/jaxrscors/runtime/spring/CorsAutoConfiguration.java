package io.github.jaxrscors.runtime.spring;

import io.github.jaxrscors.internal.deployment.Installation;
import jakarta.ws.rs.Priorities;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jersey.autoconfigure.JerseyApplicationPath;
import org.springframework.boot.jersey.autoconfigure.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Installs the library in a Spring Boot application served by {@code spring-boot-starter-jersey},
 * wherever Spring Boot's Jersey support applies (a {@code ResourceConfig} bean in a servlet web
 * application): the {@code cors.*} keys are read through Spring's {@code Environment}, no
 * MicroProfile Config needed.
 *
 * <ul>
 *   <li>The library is registered on the {@code ResourceConfig}, so Jersey's drop-in stays out.
 *       It is configured before any {@code CorsFeature} the application registers itself, which
 *       then only gives its policy in code.
 *   <li>Jersey's servlet starts with the application ({@code spring.jersey.servlet.load-on-startup}
 *       becomes 1 unless the application sets it), so that a configuration mistake stops the start
 *       instead of answering 500 from the first request on.
 *   <li>A servlet filter on Jersey's path, just ahead of Spring Security's
 *       ({@code spring.security.filter.order}, default -100), decides every request first.
 *   <li>Spring's own CORS beside it (a {@code CorsFilter}, Spring Security's {@code cors()}) stops
 *       the start.
 *   <li>With Spring Cloud's context, its refresh re-reads the {@code cors.*} keys at once.
 * </ul>
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jersey.autoconfigure.JerseyAutoConfiguration")
@ConditionalOnClass(name = {CorsAutoConfiguration.RESOURCE_CONFIG, "org.springframework.boot.jersey.autoconfigure.ResourceConfigCustomizer",
        "org.springframework.web.filter.CorsFilter"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(type = CorsAutoConfiguration.RESOURCE_CONFIG)
public final class CorsAutoConfiguration {

    static final String RESOURCE_CONFIG = "org.glassfish.jersey.server.ResourceConfig";
    static final String LOAD_ON_STARTUP = "spring.jersey.servlet.load-on-startup";
    static final String SECURITY_FILTER_ORDER = "spring.security.filter.order";
    /** Spring Boot's default {@value #SECURITY_FILTER_ORDER} ({@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}). */
    static final int DEFAULT_SECURITY_FILTER_ORDER = -100;
    /** Ahead of features at the default priority: the application's own {@code CorsFeature} joins this installation. */
    private static final int FEATURE_PRIORITY = Priorities.AUTHENTICATION;

    /** The library in this application, and where its deployment is found once Jersey configured it. */
    record JerseyInstallation(Installation installation) {
    }

    @Bean
    JerseyInstallation jaxrsCorsInstallation(ConfigurableEnvironment environment) {
        EnvironmentSettings settings = new EnvironmentSettings(environment);
        return new JerseyInstallation(new Installation(null, () -> settings).decidedUpstream());
    }

    @Bean
    ResourceConfigCustomizer jaxrsCorsResourceConfigCustomizer(JerseyInstallation cors) {
        return config -> config.register(cors.installation(), FEATURE_PRIORITY);
    }

    @Bean
    FilterRegistrationBean<CorsServletFilter> jaxrsCorsFilter(JerseyInstallation cors, JerseyApplicationPath path, Environment environment) {
        FilterRegistrationBean<CorsServletFilter> registration = new FilterRegistrationBean<>(
                new CorsServletFilter(cors.installation(), encodedPath(path.getPrefix() + "/")));
        registration.setName("jaxrsCorsFilter");
        registration.addUrlPatterns(path.getUrlMapping());
        // Read as a property, so that no class of Spring Security is needed where it is absent.
        registration.setOrder(environment.getProperty(SECURITY_FILTER_ORDER, Integer.class, DEFAULT_SECURITY_FILTER_ORDER) - 1);
        return registration;
    }

    @Bean
    static SpringCorsCheck jaxrsCorsSpringCorsCheck(ListableBeanFactory beans, ConfigurableEnvironment environment) {
        return new SpringCorsCheck(beans, new EnvironmentSettings(environment));
    }

    @Bean
    static BeanPostProcessor jaxrsCorsJerseyStartsWithTheApplication(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof ServletRegistrationBean<?> registration && isJersey(registration)
                        && !environment.containsProperty(LOAD_ON_STARTUP)) {
                    registration.setLoadOnStartup(1);
                }
                return bean;
            }
        };
    }

    /** Where Spring Cloud's context is: its refresh re-reads the {@code cors.*} keys at once. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
    static class SpringCloud {

        @Bean
        SpringCloudRefresh jaxrsCorsSpringCloudRefresh(JerseyInstallation cors) {
            return new SpringCloudRefresh(cors.installation());
        }
    }

    /** Named, not linked: Jersey's servlet module is Spring Boot's dependency, not the library's. */
    private static boolean isJersey(ServletRegistrationBean<?> registration) {
        for (Class<?> type = registration.getServlet() == null ? null : registration.getServlet().getClass(); type != null;
                type = type.getSuperclass()) {
            if (type.getName().equals("org.glassfish.jersey.servlet.ServletContainer")) {
                return true;
            }
        }
        return false;
    }

    /** The application path as it appears in request URIs: Spring Boot gives it decoded. */
    static String encodedPath(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Jersey's application path is not a path: " + path, e);
        }
    }
}
