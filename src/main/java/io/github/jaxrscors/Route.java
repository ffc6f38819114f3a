package io.github.jaxrscors;

/**
 * What answers requests for one resource method: its compiled policy, or none when
 * {@code @Cors(enabled = false)} leaves it to the application.
 *
 * @param policy null when the library must leave the request alone
 * @param policyName the policy the resolution started from, for the decision log
 * @param description method and path template, e.g. {@code PUT /customers/{id}}; null for the
 *     default route, whose requests are described by their own path
 */
record Route(CompiledPolicy policy, String policyName, String description) {

    boolean enabled() {
        return policy != null;
    }
}
