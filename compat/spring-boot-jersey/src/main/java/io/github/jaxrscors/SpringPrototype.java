package io.github.jaxrscors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * PROTOTYPE, not the library: proves in the compatibility matrix what the library's Spring glue
 * ({@code io.github.jaxrscors.runtime.spring}) must do. It lives in the library's package only to
 * reach two package-private hooks of today's jar, which the real glue gets from the core:
 * {@code CorsFeature(CorsPolicy, Supplier<Settings.Source>)} (a feature reading another settings
 * source than MicroProfile Config) and a decision made outside Jakarta REST
 * ({@link CorsRequestFilter} on a request built from the servlet request).
 */
public final class SpringPrototype {

    private SpringPrototype() {
    }

    /** {@code cors.*} read through Spring's {@code Environment}, relaxed binding included. */
    static final class EnvironmentSettings implements Settings.Source {

        private final ConfigurableEnvironment environment;

        EnvironmentSettings(ConfigurableEnvironment environment) {
            this.environment = environment;
        }

        /**
         * Spring Boot's environment resolves a dashed key through every property source with relaxed
         * binding: {@code cors.allowedOrigins}, {@code cors.allowed_origins}, {@code CORS_ALLOWED_ORIGINS}.
         */
        @Override
        public String value(String key) {
            return environment.getProperty(key);
        }

        /**
         * The names the enumerable sources list as written, environment variables left out: their
         * names cannot be mapped back to one key ({@code CORS_ALLOWED_ORIGINS} could be
         * {@code cors.allowed.origins}), as MicroProfile Config does not list them under dotted names either.
         */
        @Override
        public Iterable<String> propertyNames() {
            Set<String> names = new LinkedHashSet<>();
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable && !(source instanceof SystemEnvironmentPropertySource)
                        && !source.getName().equals("configurationProperties")) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (name.startsWith(ConfigReader.PREFIX)) {
                            names.add(name);
                        }
                    }
                }
            }
            return names;
        }
    }

    /** The feature to register on the {@code ResourceConfig}, and where the deployment it makes is left. */
    public static Feature[] features(ConfigurableEnvironment environment, AtomicReference<Object> deployment) {
        CorsFeature feature = new CorsFeature(null, () -> new EnvironmentSettings(environment));
        Feature capture = (FeatureContext context) -> {
            deployment.set(context.getConfiguration().getProperty(Deployment.PROPERTY));
            return true;
        };
        return new Feature[] {feature, capture};
    }

    /**
     * A servlet filter for the Jersey path, ordered before Spring Security's filter chain: it answers
     * preflights and refuses actual requests as the library's request filter would, and puts the
     * decision's headers on the response before Security runs, so that Security's 401 carries them.
     */
    public static Filter filter(AtomicReference<Object> deployment, String applicationPath) {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
                    throws IOException, ServletException {
                HttpServletRequest request = (HttpServletRequest) servletRequest;
                HttpServletResponse response = (HttpServletResponse) servletResponse;
                if (request.getHeader(CorsHeaders.ORIGIN) == null || !(deployment.get() instanceof Deployment installed)) {
                    chain.doFilter(request, response);
                    return;
                }
                ContainerRequest decided = decide(installed, request, applicationPath);
                Response abort = decided.getAbortResponse();
                if (abort != null) {
                    response.setStatus(abort.getStatus());
                    abort.getStringHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                    return;
                }
                if (decided.getProperty(Outcome.PROPERTY) instanceof Outcome outcome) {
                    List<String> vary = new ArrayList<>(response.getHeaders(CorsHeaders.VARY));
                    DecisionHeaders.of(outcome, vary).forEach(response::setHeader);
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static ContainerRequest decide(Deployment deployment, HttpServletRequest request, String applicationPath) {
        String server = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        URI base = URI.create(server + request.getContextPath() + applicationPath + "/");
        String query = request.getQueryString();
        URI uri = URI.create(server + request.getRequestURI() + (query == null ? "" : "?" + query));
        ContainerRequest container = new ContainerRequest(base, uri, request.getMethod(), null, new MapPropertiesDelegate(), null);
        for (String name : Collections.list(request.getHeaderNames())) {
            container.getHeaders().put(name, Collections.list(request.getHeaders(name)));
        }
        new CorsRequestFilter(deployment).filter(container);
        return container;
    }
}
