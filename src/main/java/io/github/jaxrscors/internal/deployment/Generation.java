package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.policy.DecisionCounts;
import io.github.jaxrscors.internal.policy.Exchange;
import io.github.jaxrscors.internal.policy.Reason;
import io.github.jaxrscors.internal.routing.PathTemplate;
import io.github.jaxrscors.internal.routing.Route;
import io.github.jaxrscors.internal.routing.RouteTable;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Which policy decides each request, and the decision itself, as one immutable whole: built at
 * deployment, built anew at each reload of the configuration, and swapped in atomically, so that
 * every request is decided entirely by one generation.
 *
 * <p>A decision is logged (refusals at DEBUG, allowances at TRACE) and counted whatever the policy's
 * mode; under a report-only policy it goes no further: the request continues as if the library
 * were absent, and what it would have refused is logged at WARNING, bounded by {@link ReportOnlyLog}.
 */
public final class Generation {

    /**
     * Told what each request was decided, for a caller that reports it (the inspection API); the
     * request filter passes none.
     */
    public interface Observer {

        /**
         * @param route the route that decided
         * @param outcome {@code allowed}, {@code refused} or {@code same_origin}
         * @param reason why it was refused, or null
         * @param reasonText the reason as the log gives it, or null
         */
        void decided(Route route, boolean preflight, String outcome, Reason reason, String reasonText);
    }

    private static final Generation DISABLED = new Generation(null, List.of(), false, null);

    /** The policy name the decision log and the metrics give while the deployment has failed. */
    static final String FAILED_POLICY_NAME = "none";

    private static final String OPTIONS = "OPTIONS";
    private static final String TRUE = "true";

    private final RouteTable routes;
    /** The resource methods' routes, in the order the resources were read, for the route table's readers. */
    private final List<Route> routeList;
    /** {@code cors.explain-refusals}: refusals carry their reason in {@code Cors-Refusal}. */
    private final boolean explainRefusals;
    private final ReportOnlyLog reportOnlyLog;

    private Generation(RouteTable routes, List<Route> routeList, boolean explainRefusals, ReportOnlyLog reportOnlyLog) {
        this.routes = routes;
        this.routeList = List.copyOf(routeList);
        this.explainRefusals = explainRefusals;
        this.reportOnlyLog = reportOnlyLog;
    }

    /** {@code cors.enabled=false}: every request is left alone. */
    static Generation disabled() {
        return DISABLED;
    }

    static Generation of(RouteTable routes, List<Route> routeList, boolean explainRefusals, ReportOnlyLog reportOnlyLog) {
        return new Generation(routes, routeList, explainRefusals, reportOnlyLog);
    }

    /**
     * What answers once the library could not learn the application's policy: a policy that allows
     * no other origin, for every path, each refusal saying why. Same-origin requests still pass.
     */
    static Generation failClosed(DecisionCounts counts) {
        CompiledPolicy refusingAll = CompiledPolicy.refusingAll(FAILED_POLICY_NAME, counts);
        return new Generation(new RouteTable(Route.fallback(refusingAll, FAILED_POLICY_NAME), List.of()), List.of(), false, null);
    }

    public boolean enabled() {
        return routes != null;
    }

    /** Every resource method's route, {@code @Cors(enabled = false)} ones included. */
    public List<Route> routes() {
        return routeList;
    }

    /**
     * Decides a request and hands the answer to {@code exchange}: a preflight's answer or a refusal
     * ends the request; otherwise the application's response gets the decision's headers. A request
     * without {@code Origin} is not a CORS request, but its response still says what it depended on.
     */
    public <R> void decide(R request, Exchange<R> exchange) {
        decide(request, exchange, null);
    }

    /** The same, telling {@code observer} (if not null) what was decided. */
    public <R> void decide(R request, Exchange<R> exchange, Observer observer) {
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
            if (!route.policy().reportOnly()) {
                exchange.decorate(request, route.policy().withoutOrigin());
            }
        } else if (requestMethod != null) {
            preflight(request, exchange, observer, route, origin, requestMethod);
        } else {
            actual(request, exchange, observer, route, origin, method);
        }
    }

    private <R> void preflight(R request, Exchange<R> exchange, Observer observer, Route route, String origin, String requestMethod) {
        CompiledPolicy policy = route.policy();
        String requestHeaders = exchange.header(request, CorsHeaders.REQUEST_HEADERS);
        boolean privateNetwork = TRUE.equalsIgnoreCase(exchange.header(request, CorsHeaders.REQUEST_PRIVATE_NETWORK));
        Decision decision = policy.preflight(origin, requestMethod, requestHeaders, privateNetwork);
        boolean enforced = !policy.reportOnly();
        if (decision.allowed()) {
            policy.count(true, decision, origin);
            observe(observer, route, true, DecisionCounts.ALLOWED, decision, origin, null);
            if (DecisionLog.allowancesLogged()) {
                DecisionLog.allowed(DecisionLog.PREFLIGHT, origin, route, describe(route, request, exchange, requestMethod));
            }
            if (enforced) {
                exchange.answer(request, policy.answerPreflight(decision, origin, requestMethod, requestHeaders, privateNetwork));
            }
        } else if (decision != Decision.PRIVATE_NETWORK && policy.passesAsSameOrigin(origin, request, exchange)) {
            policy.countSameOrigin(true);
            observe(observer, route, true, DecisionCounts.SAME_ORIGIN, decision, origin, null);
            if (enforced) {
                exchange.decorate(request, policy.sameOrigin(true));
            }
        } else {
            policy.count(true, decision, origin);
            String reason = refused(DecisionLog.PREFLIGHT, decision, route, request, exchange, origin, requestMethod, requestHeaders, null);
            observe(observer, route, true, DecisionCounts.REFUSED, decision, origin,
                    observer == null ? null : DecisionLog.reason(decision, origin, requestMethod, requestHeaders, null));
            if (enforced) {
                // A private-network preflight is still answered, without the permission: the browser refuses.
                Response answer = decision == Decision.PRIVATE_NETWORK
                        ? policy.answerPreflight(decision, origin, requestMethod, requestHeaders, privateNetwork)
                        : policy.refusePreflight();
                exchange.answer(request, explained(answer, reason));
            }
        }
    }

    private <R> void actual(R request, Exchange<R> exchange, Observer observer, Route route, String origin, String method) {
        CompiledPolicy policy = route.policy();
        String contentType = policy.allowsAnyContentType() ? null : exchange.header(request, CorsHeaders.CONTENT_TYPE);
        Decision decision = policy.actual(origin, method, contentType);
        boolean enforced = !policy.reportOnly();
        if (decision.allowed()) {
            policy.count(false, decision, origin);
            observe(observer, route, false, DecisionCounts.ALLOWED, decision, origin, null);
            if (DecisionLog.allowancesLogged()) {
                DecisionLog.allowed(DecisionLog.REQUEST, origin, route, describe(route, request, exchange, method));
            }
            if (enforced) {
                exchange.decorate(request, policy.allowed(origin));
            }
        } else if (policy.passesAsSameOrigin(origin, request, exchange)) {
            policy.countSameOrigin(false);
            observe(observer, route, false, DecisionCounts.SAME_ORIGIN, decision, origin, null);
            if (enforced) {
                exchange.decorate(request, policy.sameOrigin(false));
            }
        } else {
            policy.count(false, decision, origin);
            String reason = refused(DecisionLog.REQUEST, decision, route, request, exchange, origin, method, null, contentType);
            observe(observer, route, false, DecisionCounts.REFUSED, decision, origin,
                    observer == null ? null : DecisionLog.reason(decision, origin, method, null, contentType));
            if (!enforced) {
                return;
            }
            if (policy.rejectsDisallowed()) {
                exchange.answer(request, explained(policy.refuseActual(), reason));
            } else {
                exchange.decorate(request, reason == null ? policy.passedRefusal() : policy.passedRefusal().explained(reason));
            }
        }
    }

    /**
     * Tells the observer, if any. A refusal's reason text is computed by the caller only when there is
     * an observer: the request filter has none, and no request of its pays for the text.
     */
    private static void observe(Observer observer, Route route, boolean preflight, String outcome, Decision decision,
            String origin, String reasonText) {
        if (observer != null) {
            boolean refused = DecisionCounts.REFUSED.equals(outcome);
            observer.decided(route, preflight, outcome, refused ? decision.reason(origin) : null, refused ? reasonText : null);
        }
    }

    /**
     * Logs a refusal: at DEBUG where it is enforced, at WARNING (bounded) where the policy only
     * reports. Returns the reason for {@code Cors-Refusal} when refusals are explained, else null.
     */
    private <R> String refused(String what, Decision decision, Route route, R request, Exchange<R> exchange,
            String origin, String method, String requestHeaders, String contentType) {
        CompiledPolicy policy = route.policy();
        if (policy.reportOnly()) {
            if (reportOnlyLog != null && ReportOnlyLog.enabled()) {
                reportOnlyLog.wouldRefuse(decision.reason(origin), () -> what + ": "
                        + DecisionLog.reason(decision, origin, method, requestHeaders, contentType) + " by policy '"
                        + route.policyName() + "' for " + describe(route, request, exchange, method));
            }
            return null;
        }
        String reason = explainRefusals || DecisionLog.rejectionsLogged()
                ? DecisionLog.reason(decision, origin, method, requestHeaders, contentType) : null;
        if (DecisionLog.rejectionsLogged()) {
            DecisionLog.rejected(what, reason, route, describe(route, request, exchange, method));
        }
        return explainRefusals ? reason : null;
    }

    private static Response explained(Response answer, String reason) {
        if (reason != null) {
            answer.getHeaders().putSingle(CorsHeaders.REFUSAL, reason);
        }
        return answer;
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
