package io.github.jaxrscors;

/**
 * What the request filter decided about an actual request, handed to the response filter as a
 * request property. No property means the response is none of the library's business.
 */
sealed interface Outcome {

    String PROPERTY = Outcome.class.getName();

    /** The request's origin is allowed: decorate the response with this policy's headers. */
    record Allowed(CompiledPolicy policy) implements Outcome {
    }

    /** No CORS headers, but the answer depended on the {@code Origin} header, which caches must know. */
    enum VaryByOrigin implements Outcome {
        INSTANCE
    }
}
