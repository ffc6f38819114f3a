package io.github.jaxrscors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;

/**
 * Answers CORS-preflight requests itself and refuses actual requests the policy does not allow,
 * before resource matching and before authentication: a preflight carries no credentials, so it
 * must never meet an authentication filter, and an allowed origin must be able to read an
 * authentication failure. The policy of the request's route decides and writes; this filter only
 * reads the request and hands the answer to the runtime.
 */
@PreMatching
@Priority(CorsRequestFilter.PRIORITY)
final class CorsRequestFilter implements ContainerRequestFilter {

    /** Ahead of {@link Priorities#AUTHENTICATION}, and of any pre-matching filter at a default priority. */
    static final int PRIORITY = Priorities.AUTHENTICATION - 500;

    private static final String OPTIONS = "OPTIONS";

    private final Deployment deployment;

    CorsRequestFilter(Deployment deployment) {
        this.deployment = deployment;
    }

    /** The application's CORS deployment, for runtimes that announce its end outside Jakarta REST. */
    Deployment deployment() {
        return deployment;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Generation generation = deployment.generation();
        if (!generation.enabled()) {
            return;
        }
        String origin = header(request, CorsHeaders.ORIGIN);
        String method = request.getMethod();
        // Fetch: a CORS-preflight request is an OPTIONS request with Origin and Access-Control-Request-Method.
        String requestMethod = origin != null && OPTIONS.equals(method) ? header(request, CorsHeaders.REQUEST_METHOD) : null;
        Route route = generation.route(request, requestMethod != null ? requestMethod : method);
        if (!route.enabled()) {
            return;
        }
        CompiledPolicy policy = route.policy();
        if (origin == null) {
            request.setProperty(Outcome.PROPERTY, policy.withoutOrigin());
        } else if (requestMethod != null) {
            preflight(request, generation, route, origin, requestMethod);
        } else {
            actual(request, generation, route, origin, method);
        }
    }

    private static void preflight(ContainerRequestContext request, Generation generation, Route route, String origin,
            String requestMethod) {
        CompiledPolicy policy = route.policy();
        String requestHeaders = header(request, CorsHeaders.REQUEST_HEADERS);
        CompiledPolicy.Verdict verdict = policy.preflight(origin, requestMethod, requestHeaders);
        if (verdict.allowed()) {
            if (DecisionLog.allowancesLogged()) {
                DecisionLog.allowed(DecisionLog.PREFLIGHT, origin, route, generation.describe(route, request, requestMethod));
            }
            request.abortWith(policy.answerPreflight(verdict, origin, requestMethod, requestHeaders,
                    policy.allowPrivateNetwork && "true".equalsIgnoreCase(header(request, CorsHeaders.REQUEST_PRIVATE_NETWORK))));
        } else if (policy.allowSameOrigin && SameOrigin.matches(origin, request, policy.trustForwardedHeaders)) {
            request.setProperty(Outcome.PROPERTY, policy.sameOrigin(true));
        } else {
            if (DecisionLog.rejectionsLogged()) {
                DecisionLog.rejected(DecisionLog.PREFLIGHT, DecisionLog.reason(verdict, policy, origin, requestMethod,
                        requestHeaders, null), route, generation.describe(route, request, requestMethod));
            }
            request.abortWith(policy.refusePreflight());
        }
    }

    private static void actual(ContainerRequestContext request, Generation generation, Route route, String origin,
            String method) {
        CompiledPolicy policy = route.policy();
        String contentType = policy.allowNonSimpleContentTypes ? null : header(request, CorsHeaders.CONTENT_TYPE);
        CompiledPolicy.Verdict verdict = policy.actual(origin, method, contentType);
        if (verdict.allowed()) {
            if (DecisionLog.allowancesLogged()) {
                DecisionLog.allowed(DecisionLog.REQUEST, origin, route, generation.describe(route, request, method));
            }
            request.setProperty(Outcome.PROPERTY, policy.allowed(origin));
        } else if (policy.allowSameOrigin && SameOrigin.matches(origin, request, policy.trustForwardedHeaders)) {
            request.setProperty(Outcome.PROPERTY, policy.sameOrigin(false));
        } else {
            if (DecisionLog.rejectionsLogged()) {
                DecisionLog.rejected(DecisionLog.REQUEST, DecisionLog.reason(verdict, policy, origin, method, null, contentType),
                        route, generation.describe(route, request, method));
            }
            if (policy.rejectDisallowed) {
                request.abortWith(policy.refuseActual());
            } else {
                request.setProperty(Outcome.PROPERTY, policy.passedRefusal());
            }
        }
    }

    /**
     * The header's value, or null; several lines are joined with commas, as HTTP joins them (so two
     * {@code Origin} lines make one malformed origin). Reads the header map rather than
     * {@code getHeaderString}, which copies even a single value in some runtimes.
     */
    static String header(ContainerRequestContext request, String name) {
        List<String> values = request.getHeaders().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }
}
