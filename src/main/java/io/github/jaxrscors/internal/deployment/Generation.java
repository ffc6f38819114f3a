package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.policy.Exchange;
import io.github.jaxrscors.internal.routing.PathTemplate;
import io.github.jaxrscors.internal.routing.Route;
import io.github.jaxrscors.internal.routing.RouteTable;
import java.util.List;

/**
 * Which policy decides each request, and the decision itself, as one immutable whole: built at
 * deployment, built anew at each reload of the configuration, and swapped in atomically, so that
 * every request is decided entirely by one generation.
 */
public final class Generation {

    private static final Generation DISABLED = new Generation(null);

    /** The policy name the decision log gives while the deployment has failed. */
    static final String FAILED_POLICY_NAME = "none";

    private static final String OPTIONS = "OPTIONS";
    private static final String TRUE = "true";

    private final RouteTable routes;

    private Generation(RouteTable routes) {
        this.routes = routes;
    }

    /** {@code cors.enabled=false}: every request is left alone. */
    static Generation disabled() {
        return DISABLED;
    }

    static Generation of(RouteTable routes) {
        return new Generation(routes);
    }

    /**
     * What answers once the library could not learn the application's policy: a policy that allows
     * no other origin, for every path. Same-origin requests still pass.
     */
    static Generation failClosed() {
        return new Generation(new RouteTable(Route.fallback(CompiledPolicy.refusingAll(), FAILED_POLICY_NAME), List.of()));
    }

    public boolean enabled() {
        return routes != null;
    }

    /**
     * Decides a request and hands the answer to {@code exchange}: a preflight's answer or a refusal
     * ends the request; otherwise the application's response gets the decision's headers. A request
     * without {@code Origin} is not a CORS request, but its response still says what it depended on.
     */
    public <R> void decide(R request, Exchange<R> exchange) {
        if (routes == null) {
            return;
        }
        String origin = exchange.header(request, CorsHeaders.ORIGIN);
        String method = exchange.method(request);
        // Fetch: a CORS-preflight request is an OPTIONS request with Origin and Access-Control-Request-Method.
        String requestMethod = origin != null && OPTIONS.equals(method) ? exchange.header(request, CorsHeaders.REQUEST_METHOD) : null;
        Route route = route(request, exchange, requestMethod != null ? requestMethod : method);
        if (!route.enabled()) {
            return;
        }
        if (origin == null) {
            exchange.decorate(request, route.policy().withoutOrigin());
        } else if (requestMethod != null) {
            preflight(request, exchange, route, origin, requestMethod);
        } else {
            actual(request, exchange, route, origin, method);
        }
    }

    private <R> void preflight(R request, Exchange<R> exchange, Route route, String origin, String requestMethod) {
        CompiledPolicy policy = route.policy();
        String requestHeaders = exchange.header(request, CorsHeaders.REQUEST_HEADERS);
        boolean privateNetwork = TRUE.equalsIgnoreCase(exchange.header(request, CorsHeaders.REQUEST_PRIVATE_NETWORK));
        Decision decision = policy.preflight(origin, requestMethod, requestHeaders, privateNetwork);
        if (decision.allowed()) {
            if (DecisionLog.allowancesLogged()) {
                DecisionLog.allowed(DecisionLog.PREFLIGHT, origin, route, describe(route, request, exchange, requestMethod));
            }
            exchange.answer(request, policy.answerPreflight(decision, origin, requestMethod, requestHeaders, privateNetwork));
        } else if (decision == Decision.PRIVATE_NETWORK) {
            // Answered, without the permission: the browser refuses.
            logRefusal(DecisionLog.PREFLIGHT, decision, route, request, exchange, origin, requestMethod, requestHeaders, null);
            exchange.answer(request, policy.answerPreflight(decision, origin, requestMethod, requestHeaders, privateNetwork));
        } else if (policy.passesAsSameOrigin(origin, request, exchange)) {
            exchange.decorate(request, policy.sameOrigin(true));
        } else {
            logRefusal(DecisionLog.PREFLIGHT, decision, route, request, exchange, origin, requestMethod, requestHeaders, null);
            exchange.answer(request, policy.refusePreflight());
        }
    }

    private <R> void actual(R request, Exchange<R> exchange, Route route, String origin, String method) {
        CompiledPolicy policy = route.policy();
        String contentType = policy.allowsAnyContentType() ? null : exchange.header(request, CorsHeaders.CONTENT_TYPE);
        Decision decision = policy.actual(origin, method, contentType);
        if (decision.allowed()) {
            if (DecisionLog.allowancesLogged()) {
                DecisionLog.allowed(DecisionLog.REQUEST, origin, route, describe(route, request, exchange, method));
            }
            exchange.decorate(request, policy.allowed(origin));
        } else if (policy.passesAsSameOrigin(origin, request, exchange)) {
            exchange.decorate(request, policy.sameOrigin(false));
        } else {
            logRefusal(DecisionLog.REQUEST, decision, route, request, exchange, origin, method, null, contentType);
            if (policy.rejectsDisallowed()) {
                exchange.answer(request, policy.refuseActual());
            } else {
                exchange.decorate(request, policy.passedRefusal());
            }
        }
    }

    private <R> void logRefusal(String what, Decision decision, Route route, R request, Exchange<R> exchange,
            String origin, String method, String requestHeaders, String contentType) {
        if (DecisionLog.rejectionsLogged()) {
            DecisionLog.rejected(what, DecisionLog.reason(decision, origin, method, requestHeaders, contentType), route,
                    describe(route, request, exchange, method));
        }
    }

    /** The route for the request's path and the given method (the requested one, for a preflight). */
    private <R> Route route(R request, Exchange<R> exchange, String method) {
        Route uniform = routes.uniform();
        if (uniform != null) {
            return uniform;
        }
        String path = exchange.rawPath(request);
        return routes.find(path, basePathLength(exchange.rawBasePath(request), path), method);
    }

    /**
     * Where the request was routed, for the decision log: the resource method's template, looked up
     * even where every path has the same policy, else the request's own path.
     */
    private <R> String describe(Route route, R request, Exchange<R> exchange, String method) {
        String path = exchange.rawPath(request);
        int from = basePathLength(exchange.rawBasePath(request), path);
        Route described = route.description() != null ? route : routes.template(path, from, method);
        return described != null && described.description() != null ? described.description()
                : DecisionLog.sanitize(method) + " /" + DecisionLog.sanitize(PathTemplate.trimSlashes(path.substring(from)));
    }

    /**
     * The length of the application's base path at the start of the raw request path: the rest is
     * what Jakarta REST matches, read in place. ({@code UriInfo.getPath(false)} would cut out a copy,
     * and some runtimes do not offer it.)
     */
    private static int basePathLength(String base, String path) {
        if (base == null) {
            return 0;
        }
        if (path.startsWith(base)) {
            return base.length();
        }
        return base.length() == path.length() + 1 && base.startsWith(path) ? path.length() : 0;
    }
}
