package io.github.jaxrscors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

/**
 * Answers CORS-preflight requests itself and refuses actual requests the policy does not allow,
 * before resource matching and before authentication: a preflight carries no credentials, so it
 * must never meet an authentication filter, and an allowed origin must be able to read an
 * authentication failure.
 */
@PreMatching
@Priority(CorsRequestFilter.PRIORITY)
final class CorsRequestFilter implements ContainerRequestFilter {

    /** Ahead of {@link Priorities#AUTHENTICATION}, and of any pre-matching filter at a default priority. */
    static final int PRIORITY = Priorities.AUTHENTICATION - 500;

    private static final String OPTIONS = "OPTIONS";
    private static final String PREFLIGHT = "preflight";
    private static final String REQUEST = "request";

    private final Deployment deployment;

    CorsRequestFilter(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Routes routes = deployment.routes();
        if (!routes.enabled()) {
            return;
        }
        String origin = request.getHeaderString(CorsHeaders.ORIGIN);
        String method = request.getMethod();
        // Fetch: a CORS-preflight request is an OPTIONS request with Origin and Access-Control-Request-Method.
        String requestMethod = origin != null && OPTIONS.equals(method)
                ? request.getHeaderString(CorsHeaders.REQUEST_METHOD) : null;
        boolean preflight = requestMethod != null;
        Route route = routes.find(request, preflight ? requestMethod : method);
        if (!route.enabled()) {
            return;
        }
        CompiledPolicy policy = route.policy();
        if (origin == null
                || policy.allowSameOrigin && SameOrigin.matches(origin, request, policy.trustForwardedHeaders)) {
            varyByOrigin(request, policy);
            return;
        }
        if (preflight) {
            answerPreflight(request, routes, route, origin, requestMethod);
            return;
        }
        String contentType = request.getHeaderString(CorsHeaders.CONTENT_TYPE);
        CompiledPolicy.Verdict verdict = policy.checkActual(origin, method, contentType);
        if (verdict == CompiledPolicy.Verdict.ALLOWED) {
            request.setProperty(Outcome.PROPERTY, policy.allowed);
            if (DecisionLog.allowancesLogged()) {
                DecisionLog.allowed(REQUEST, origin, route.policyName(), describe(request, routes, route, method));
            }
            return;
        }
        if (DecisionLog.rejectionsLogged()) {
            DecisionLog.rejected(REQUEST, DecisionLog.reason(verdict, policy, origin, method, null, contentType),
                    route.policyName(), describe(request, routes, route, method));
        }
        if (policy.rejectDisallowed) {
            Response.ResponseBuilder forbidden = Response.status(Response.Status.FORBIDDEN);
            if (policy.variesByOrigin) {
                forbidden.header(CorsHeaders.VARY, CorsHeaders.ORIGIN);
            }
            request.abortWith(forbidden.build());
        } else {
            varyByOrigin(request, policy);
        }
    }

    private static void answerPreflight(ContainerRequestContext request, Routes routes, Route route,
            String origin, String requestMethod) {
        CompiledPolicy policy = route.policy();
        String requestHeaders = request.getHeaderString(CorsHeaders.REQUEST_HEADERS);
        CompiledPolicy.Verdict verdict = policy.checkPreflight(origin, requestMethod, requestHeaders);
        if (verdict != CompiledPolicy.Verdict.ALLOWED) {
            if (DecisionLog.rejectionsLogged()) {
                DecisionLog.rejected(PREFLIGHT, DecisionLog.reason(verdict, policy, origin, requestMethod, requestHeaders, null),
                        route.policyName(), describe(request, routes, route, requestMethod));
            }
            request.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .header(CorsHeaders.VARY, CorsHeaders.PREFLIGHT_VARY).build());
            return;
        }
        Response.ResponseBuilder answer = Response.status(policy.preflightStatus)
                .header(CorsHeaders.VARY, CorsHeaders.PREFLIGHT_VARY)
                .header(CorsHeaders.ALLOW_ORIGIN, policy.wildcardOrigin ? CorsPolicy.WILDCARD : origin)
                .header(CorsHeaders.ALLOW_METHODS, policy.allowMethods != null ? policy.allowMethods : requestMethod);
        if (policy.allowCredentials) {
            answer.header(CorsHeaders.ALLOW_CREDENTIALS, "true");
        }
        if (requestHeaders != null && !requestHeaders.isBlank()) {
            answer.header(CorsHeaders.ALLOW_HEADERS, policy.scanRequestHeaders(requestHeaders) == CompiledPolicy.ALL_NAMED
                    ? policy.allowHeaders : CompiledPolicy.joinRequestHeaders(requestHeaders));
        }
        if (policy.maxAge != null) {
            answer.header(CorsHeaders.MAX_AGE, policy.maxAge);
        }
        if (policy.allowPrivateNetwork && "true".equalsIgnoreCase(request.getHeaderString(CorsHeaders.REQUEST_PRIVATE_NETWORK))) {
            answer.header(CorsHeaders.ALLOW_PRIVATE_NETWORK, "true");
        }
        if (DecisionLog.allowancesLogged()) {
            DecisionLog.allowed(PREFLIGHT, origin, route.policyName(), describe(request, routes, route, requestMethod));
        }
        request.abortWith(answer.build());
    }

    private static void varyByOrigin(ContainerRequestContext request, CompiledPolicy policy) {
        if (policy.variesByOrigin) {
            request.setProperty(Outcome.PROPERTY, Outcome.VaryByOrigin.INSTANCE);
        }
    }

    /** The resource method's template where the request was routed to one, else the request's own path. */
    private static String describe(ContainerRequestContext request, Routes routes, Route route, String method) {
        String path = EncodedPath.of(request.getUriInfo());
        Route described = route.description() != null ? route : routes.find(path, method);
        return described.description() != null ? described.description()
                : DecisionLog.sanitize(method) + " /" + DecisionLog.sanitize(PathTemplate.trimSlashes(path));
    }
}
