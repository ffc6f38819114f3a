package io.github.jaxrscors.internal.routing;

import io.github.jaxrscors.internal.policy.CompiledPolicy;

/**
 * A resource method, or a sub-resource locator, at its path template, with the policy that answers
 * its requests; or the default route, which answers paths that no resource method serves.
 *
 * @param classTemplate the resource class's own {@code @Path}, which Jakarta REST ranks first; null
 *     for the default route
 * @param template the class's and the method's {@code @Path} joined, without leading and trailing
 *     slashes; null for the default route
 * @param method the HTTP method; null for a sub-resource locator and the default route
 * @param policy null when {@code @Cors(enabled = false)} leaves the requests to the application
 * @param policyName the policy the route's policy started from: {@code default}, or a
 *     {@code cors.policy.<name>} name
 */
public record Route(String classTemplate, String template, String method, CompiledPolicy policy, String policyName) {

    /** The route of the paths that no resource method serves. */
    public static Route fallback(CompiledPolicy policy, String policyName) {
        return new Route(null, null, null, policy, policyName);
    }

    /** Whether the library decides the route's requests. */
    public boolean enabled() {
        return policy != null;
    }

    /** Method and path template, as the log names a route: {@code PUT /customers/{id}}; null for the default route. */
    public String description() {
        return template == null ? null : (method == null ? "*" : method) + " /" + template;
    }

    /** Whether both answer every request alike. */
    boolean sameAnswer(Route other) {
        return policy == other.policy && policyName.equals(other.policyName);
    }
}
