package io.github.jaxrscors;

/** Header names of the Fetch standard's CORS protocol, and the few others the filters read. */
final class CorsHeaders {

    static final String ORIGIN = "Origin";
    static final String VARY = "Vary";
    static final String CONTENT_TYPE = "Content-Type";

    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    static final String REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";

    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String MAX_AGE = "Access-Control-Max-Age";

    static final String FORWARDED = "Forwarded";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    /** What a preflight response depends on, for caches between browser and server. */
    static final String PREFLIGHT_VARY = ORIGIN + ", " + REQUEST_METHOD + ", " + REQUEST_HEADERS;

    private CorsHeaders() {
    }
}
