package io.github.jaxrscors.runtime.spring;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.Settings;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.util.ClassUtils;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Stops the start when Spring's own CORS would run beside the library: a {@code CorsFilter} bean
 * (Spring Boot registers every filter bean), a {@code FilterRegistrationBean} of one, or Spring
 * Security's {@code cors()} in a security filter chain. Either answers every preflight itself,
 * before the library, with its own policy, status and headers, and leaves its
 * {@code Access-Control-Allow-Origin} on the library's refusals. Checked once every singleton exists,
 * so that the security filter chains are built; not with {@code cors.enabled=false}, where Spring's
 * CORS is the only one.
 */
final class SpringCorsCheck implements SmartInitializingSingleton {

    private static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";
    private static final String FIX = "; remove it and keep the policy in the cors.* keys (named policies and @Cors for the "
            + "paths that differ), or set cors.enabled=false to use Spring's CORS alone";

    private final ListableBeanFactory beans;
    private final EnvironmentSettings settings;

    SpringCorsCheck(ListableBeanFactory beans, EnvironmentSettings settings) {
        this.beans = beans;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!ConfigReader.enabled(new Settings(settings))) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(CorsFilter.class, false, false)) {
            problems.add(new Problem("Spring's CorsFilter (bean '" + name + "')", null, "answers preflights before jaxrs-cors" + FIX));
        }
        @SuppressWarnings("rawtypes")
        Map<String, FilterRegistrationBean> registrations = beans.getBeansOfType(FilterRegistrationBean.class, false, false);
        registrations.forEach((name, registration) -> {
            if (registration.getFilter() instanceof CorsFilter) {
                problems.add(new Problem("Spring's CorsFilter (registered by bean '" + name + "')", null,
                        "answers preflights before jaxrs-cors" + FIX));
            }
        });
        if (ClassUtils.isPresent(SECURITY_FILTER_CHAIN, SpringCorsCheck.class.getClassLoader())) {
            SecurityChains.check(beans, problems);
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
    }

    /** Loaded only where Spring Security is. */
    private static final class SecurityChains {

        static void check(ListableBeanFactory beans, List<Problem> problems) {
            var chains = beans.getBeansOfType(org.springframework.security.web.SecurityFilterChain.class, false, false);
            chains.forEach((name, chain) -> {
                for (Filter filter : chain.getFilters()) {
                    if (filter instanceof CorsFilter) {
                        problems.add(new Problem("Spring Security's cors() (security filter chain '" + name + "')", null,
                                "answers preflights before jaxrs-cors" + sources(beans) + FIX));
                        return;
                    }
                }
            });
        }

        /** Spring Security calls {@code cors()} by itself for a {@code UrlBasedCorsConfigurationSource} bean, which the user may not know. */
        private static String sources(ListableBeanFactory beans) {
            String[] names = beans.getBeanNamesForType(UrlBasedCorsConfigurationSource.class, false, false);
            return names.length == 0 ? "" : ", configured by the bean '" + String.join("', '", names)
                    + "' (Spring Security turns cors() on by itself for a UrlBasedCorsConfigurationSource bean)";
        }
    }
}
