package io.github.jaxrscors.compat.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security in front of the API, as a Spring user secures it: HTTP Basic, every {@code /api/**}
 * request authenticated, one user {@code user}/{@code secret}. {@code compat.security.cors=true} adds
 * {@code http.cors(...)}, Spring's CORS inside the security chain. Only where Spring Security is on the
 * classpath: the tests leave its jars out for the rows without it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
class ApiSecurity {

    static final String USER = "user";
    static final String PASSWORD = "secret";

    @Bean
    SecurityFilterChain apiFilterChain(HttpSecurity http, org.springframework.core.env.Environment environment) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/**").authenticated().anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults());
        if (environment.getProperty("compat.security.cors", Boolean.class, false)) {
            http.cors(Customizer.withDefaults());
        }
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
    }
}
