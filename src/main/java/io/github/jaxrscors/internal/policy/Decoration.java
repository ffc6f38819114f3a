package io.github.jaxrscors.internal.policy;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The CORS headers a decision adds to the application's own response: handed from the request
 * filter to the response filter as a request property, and written by the policy that decided.
 * No property means the response is none of the library's business.
 *
 * @param allowedOrigin the {@code Access-Control-Allow-Origin} value, or null for no CORS headers
 * @param vary what the answer depended on, added to {@code Vary}
 * @param refusal the reason a refused request passed on to the application, for
 *     {@code cors.explain-refusals}; null otherwise
 */
public record Decoration(CompiledPolicy policy, String allowedOrigin, VaryHeader vary, String refusal) {

    /** The request property that carries it. */
    public static final String PROPERTY = Decoration.class.getName();

    public void writeTo(MultivaluedMap<String, Object> headers) {
        policy.decorate(headers, allowedOrigin, vary);
        if (refusal != null) {
            headers.put(CorsHeaders.REFUSAL, new HeaderValues(refusal));
        }
    }

    /** The same, carrying {@code reason} in {@code Cors-Refusal}. */
    public Decoration explained(String reason) {
        return new Decoration(policy, allowedOrigin, vary, reason);
    }
}
