package io.github.jaxrscors.runtime.spring;

import io.github.jaxrscors.internal.deployment.CorsRequestFilter;
import io.github.jaxrscors.internal.deployment.DecisionHeaders;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Installation;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decoration;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides the requests to Jersey's path before any other filter of the application sees them:
 * registered ahead of Spring Security, so that a preflight, which never carries credentials, is
 * answered instead of refused 401, and an allowed origin can read the 401 of an unauthenticated
 * request.
 *
 * <p>A preflight's answer and a refusal end the request here. For a request that goes on, the
 * decision's headers are written onto the servlet response at once, so that a response that never
 * reaches Jersey (Spring Security's 401) carries them; the decision also goes on to Jersey as the
 * request attribute its response filter reads ({@link Decoration#PROPERTY}), marked
 * {@link CorsRequestFilter#DECIDED} so that Jersey does not decide it again. Jersey then writes the
 * same headers over these (it sets a header the servlet response already has), merged with the
 * application's own {@code Vary}, so none is sent twice.
 *
 * <p>A servlet filter, rather than Spring Security's own hooks: a {@code CorsConfigurationSource}
 * backed by the library would let Spring's {@code DefaultCorsProcessor} answer, with its own status,
 * headers and rules, and only where the security chain calls {@code cors()}; a
 * {@code Customizer<HttpSecurity>} reaches only the chains built from Spring's {@code HttpSecurity}
 * bean. The filter is ahead of every chain, and needs no class of Spring Security.
 */
final class CorsServletFilter implements Filter {

    private final Installation installation;
    private final ServletExchange exchange;

    /**
     * @param applicationPath Jersey's application path, encoded, from the context's root, ending
     *     with {@code /}: {@code /api/}
     */
    CorsServletFilter(Installation installation, String applicationPath) {
        this.installation = installation;
        this.exchange = new ServletExchange(applicationPath);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        Deployment deployment = installation.deployment();
        // Before Jersey has started (an application that asked for a lazy Jersey servlet), Jersey's own filter decides.
        if (deployment == null || !(servletRequest instanceof HttpServletRequest request)
                || !(servletResponse instanceof HttpServletResponse response)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        deployment.generation().decide(request, exchange);
        if (request.getAttribute(ServletExchange.ANSWER) instanceof Response answer) {
            request.removeAttribute(ServletExchange.ANSWER);
            write(answer, response);
            return;
        }
        request.setAttribute(CorsRequestFilter.DECIDED, Boolean.TRUE);
        if (request.getAttribute(Decoration.PROPERTY) instanceof Decoration decoration) {
            DecisionHeaders.of(decoration, varyOf(response)).forEach(response::setHeader);
        }
        chain.doFilter(request, response);
    }

    /** The library's own answer: a preflight's, or a refusal with its empty body. */
    private static void write(Response answer, HttpServletResponse response) {
        response.setStatus(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase(CorsHeaders.VARY)) {
                values.forEach(value -> addVary(response, value));
            } else {
                response.setHeader(name, String.join(", ", values));
            }
        });
        if (answer.hasEntity()) {
            response.setContentLength(0);
        }
    }

    private static List<String> varyOf(HttpServletResponse response) {
        return new ArrayList<>(response.getHeaders(CorsHeaders.VARY));
    }

    /** Adds the tokens of {@code value} that {@code Vary} does not name yet, on one line; {@code *} names everything. */
    static void addVary(HttpServletResponse response, String value) {
        List<String> tokens = new ArrayList<>();
        for (String line : response.getHeaders(CorsHeaders.VARY)) {
            for (String token : line.split(",")) {
                if (!token.isBlank()) {
                    tokens.add(token.trim());
                }
            }
        }
        if (tokens.contains("*")) {
            return;
        }
        List<String> lower = tokens.stream().map(token -> token.toLowerCase(Locale.ROOT)).toList();
        boolean added = false;
        for (String token : value.split(",")) {
            String trimmed = token.trim();
            if (!trimmed.isEmpty() && !lower.contains(trimmed.toLowerCase(Locale.ROOT))) {
                tokens.add(trimmed);
                added = true;
            }
        }
        if (added) {
            response.setHeader(CorsHeaders.VARY, String.join(", ", tokens));
        }
    }
}
