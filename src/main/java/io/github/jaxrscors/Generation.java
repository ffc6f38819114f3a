package io.github.jaxrscors;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/**
 * Which policy decides each request, as one immutable whole: built at deployment, built anew at
 * each reload of the configuration, and swapped in atomically, so that every request is decided
 * entirely by one generation.
 */
final class Generation {

    private static final Generation DISABLED = new Generation(null);

    /** The policy name the decision log gives while the deployment has failed. */
    static final String FAILED_POLICY_NAME = "none: the CORS deployment failed";

    private final Routes routes;

    private Generation(Routes routes) {
        this.routes = routes;
    }

    /** {@code cors.enabled=false}: every request is left alone. */
    static Generation disabled() {
        return DISABLED;
    }

    static Generation of(Routes routes) {
        return new Generation(routes);
    }

    /**
     * What answers once the library could not learn the application's policy: a policy that allows
     * no other origin, for every path. Same-origin requests still pass.
     */
    static Generation failClosed() {
        Route refuseAll = new Route(new CompiledPolicy(CorsPolicy.builder().build()), FAILED_POLICY_NAME, null);
        return new Generation(new Routes(refuseAll, List.of()));
    }

    boolean enabled() {
        return routes != null;
    }

    /** The route for the request's path and the given method (the requested one, for a preflight). */
    Route route(ContainerRequestContext request, String method) {
        Route uniform = routes.uniform();
        if (uniform != null) {
            return uniform;
        }
        String path = request.getUriInfo().getRequestUri().getRawPath();
        return routes.find(path, basePathLength(request, path), method);
    }

    /**
     * Where the request was routed, for the decision log: the resource method's template, looked up
     * even where every path has the same policy, else the request's own path.
     */
    String describe(Route route, ContainerRequestContext request, String method) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        int from = basePathLength(request, path);
        Route described = route.description() != null ? route : routes.template(path, from, method);
        return described != null && described.description() != null ? described.description()
                : DecisionLog.sanitize(method) + " /" + DecisionLog.sanitize(PathTemplate.trimSlashes(path.substring(from)));
    }

    /**
     * The length of the application's base path at the start of the raw request path: the rest is
     * what Jakarta REST matches, read in place. ({@code UriInfo.getPath(false)} would cut out a copy,
     * and some runtimes do not offer it.)
     */
    private static int basePathLength(ContainerRequestContext request, String path) {
        String base = request.getUriInfo().getBaseUri().getRawPath();
        if (base == null) {
            return 0;
        }
        if (path.startsWith(base)) {
            return base.length();
        }
        return base.length() == path.length() + 1 && base.startsWith(path) ? path.length() : 0;
    }
}
