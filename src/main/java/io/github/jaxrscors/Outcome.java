package io.github.jaxrscors;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * What the request filter decided about an actual request, handed to the response filter as a
 * request property and written by the policy that decided it. No property means the response is
 * none of the library's business.
 *
 * @param allowedOrigin the {@code Access-Control-Allow-Origin} value, or null for no CORS headers
 * @param vary what the answer depended on, added to {@code Vary}
 */
record Outcome(CompiledPolicy policy, String allowedOrigin, VaryHeader vary) {

    static final String PROPERTY = Outcome.class.getName();

    void writeTo(MultivaluedMap<String, Object> headers) {
        policy.decorate(headers, allowedOrigin, vary);
    }
}
