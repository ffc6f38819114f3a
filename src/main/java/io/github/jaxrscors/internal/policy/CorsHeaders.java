package io.github.jaxrscors.internal.policy;

/**
 * Header names of the Fetch standard's CORS protocol, and the few others the filters read. Names
 * are lower case, as HTTP/2 sends them and HTTP/1.1 compares them: Jakarta REST runtimes look
 * header names up without case by folding them to lower case, which costs a copy per look-up
 * unless the name is lower case already. ({@link VaryHeader} lists request headers in their usual
 * spelling, since it writes a value.)
 */
public final class CorsHeaders {

    public static final String ORIGIN = "origin";
    public static final String VARY = "vary";
    public static final String CONTENT_TYPE = "content-type";

    public static final String REQUEST_METHOD = "access-control-request-method";
    public static final String REQUEST_HEADERS = "access-control-request-headers";
    public static final String REQUEST_PRIVATE_NETWORK = "access-control-request-private-network";

    public static final String ALLOW_ORIGIN = "access-control-allow-origin";
    public static final String ALLOW_CREDENTIALS = "access-control-allow-credentials";
    public static final String ALLOW_METHODS = "access-control-allow-methods";
    public static final String ALLOW_HEADERS = "access-control-allow-headers";
    public static final String ALLOW_PRIVATE_NETWORK = "access-control-allow-private-network";
    public static final String EXPOSE_HEADERS = "access-control-expose-headers";
    public static final String MAX_AGE = "access-control-max-age";

    public static final String FORWARDED = "forwarded";
    public static final String X_FORWARDED_PROTO = "x-forwarded-proto";
    public static final String X_FORWARDED_HOST = "x-forwarded-host";
    public static final String X_FORWARDED_PORT = "x-forwarded-port";
    /** Set by browsers only (scripts cannot set {@code Sec-*}): {@code same-origin}, {@code same-site}, {@code cross-site} or {@code none}. */
    public static final String SEC_FETCH_SITE = "sec-fetch-site";

    /** Why a request was refused, with {@code cors.explain-refusals}: for developers, in the browser's network panel. */
    public static final String REFUSAL = "cors-refusal";

    private CorsHeaders() {
    }
}
