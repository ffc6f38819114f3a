package io.github.jaxrscors.compat.spring;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Spring's own CORS support beside the library, as Spring's documentation shows it: a {@code CorsFilter}
 * registered first ({@code compat.spring-cors=filter}), or a {@code UrlBasedCorsConfigurationSource}
 * bean for Spring Security's {@code http.cors()} ({@code compat.spring-cors=source}). Its policy
 * allows the application's origin and one the library does not know, {@code https://spring.example.org}.
 */
@Configuration(proxyBeanMethods = false)
class SpringCors {

    static final String SPRING_ONLY_ORIGIN = "https://spring.example.org";

    @Bean
    @ConditionalOnProperty(name = "compat.spring-cors", havingValue = "filter")
    FilterRegistrationBean<CorsFilter> springCorsFilter() {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    @ConditionalOnProperty(name = "compat.spring-cors", havingValue = "source")
    UrlBasedCorsConfigurationSource corsConfigurationSource() {
        return source();
    }

    private static UrlBasedCorsConfigurationSource source() {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(List.of("https://app.example.com", SPRING_ONLY_ORIGIN));
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
