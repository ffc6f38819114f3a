package io.github.jaxrscors;

/**
 * Header names of the Fetch standard's CORS protocol, and the few others the filters read. Names
 * are lower case, as HTTP/2 sends them and HTTP/1.1 compares them: Jakarta REST runtimes look
 * header names up without case by folding them to lower case, which costs a copy per look-up
 * unless the name is lower case already. ({@link VaryHeader} lists request headers in their usual
 * spelling, since it writes a value.)
 */
final class CorsHeaders {

    static final String ORIGIN = "origin";
    static final String VARY = "vary";
    static final String CONTENT_TYPE = "content-type";

    static final String REQUEST_METHOD = "access-control-request-method";
    static final String REQUEST_HEADERS = "access-control-request-headers";
    static final String REQUEST_PRIVATE_NETWORK = "access-control-request-private-network";

    static final String ALLOW_ORIGIN = "access-control-allow-origin";
    static final String ALLOW_CREDENTIALS = "access-control-allow-credentials";
    static final String ALLOW_METHODS = "access-control-allow-methods";
    static final String ALLOW_HEADERS = "access-control-allow-headers";
    static final String ALLOW_PRIVATE_NETWORK = "access-control-allow-private-network";
    static final String EXPOSE_HEADERS = "access-control-expose-headers";
    static final String MAX_AGE = "access-control-max-age";

    static final String FORWARDED = "forwarded";
    static final String X_FORWARDED_PROTO = "x-forwarded-proto";
    static final String X_FORWARDED_HOST = "x-forwarded-host";
    static final String X_FORWARDED_PORT = "x-forwarded-port";
    /** Set by browsers only (scripts cannot set {@code Sec-*}): {@code same-origin}, {@code same-site}, {@code cross-site} or {@code none}. */
    static final String SEC_FETCH_SITE = "sec-fetch-site";

    private CorsHeaders() {
    }
}
