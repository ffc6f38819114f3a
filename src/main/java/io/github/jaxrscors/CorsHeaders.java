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
    /** Set by browsers only (scripts cannot set {@code Sec-*}): {@code same-origin}, {@code same-site}, {@code cross-site} or {@code none}. */
    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    /* What an answer depends on, for the caches between browser and server. */
    static final String[] VARY_NOTHING = {};
    static final String[] VARY_ORIGIN = {ORIGIN};
    static final String[] VARY_ORIGIN_AND_FETCH_SITE = {ORIGIN, SEC_FETCH_SITE};
    static final String[] VARY_PREFLIGHT = {ORIGIN, REQUEST_METHOD, REQUEST_HEADERS};
    static final String[] VARY_PREFLIGHT_AND_FETCH_SITE = {ORIGIN, REQUEST_METHOD, REQUEST_HEADERS, SEC_FETCH_SITE};

    private CorsHeaders() {
    }
}
