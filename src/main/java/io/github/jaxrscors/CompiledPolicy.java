package io.github.jaxrscors;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link CorsPolicy} compiled for the request path: it decides about a request and writes the
 * answer. Origins and header names sit in hash tables, and every header value the policy can send
 * is joined in advance; deciding allocates nothing.
 *
 * <p>The request filter asks for a {@link Verdict} ({@link #actual}, {@link #preflight}), then for
 * the answer that goes with it: a preflight response ({@link #answerPreflight}, {@link #refusePreflight}),
 * a refusal of an actual request ({@link #refuseActual}), or an {@link Outcome} that the response
 * filter writes onto the resource's response.
 */
final class CompiledPolicy {

    /** What the policy says about one request; the refusals name their reason for the decision log. */
    enum Verdict {
        ALLOWED,
        /** Allowed, but some requested headers only by prefix, predicate or {@code *}: echo them. */
        ALLOWED_ECHOING_HEADERS,
        /** Not allowed; malformed, repeated or over-long origins included (the log tells them apart). */
        ORIGIN_NOT_ALLOWED,
        METHOD_NOT_ALLOWED,
        HEADERS_MALFORMED,
        HEADER_NOT_ALLOWED,
        CONTENT_TYPE_NOT_ALLOWED;

        boolean allowed() {
            return this == ALLOWED || this == ALLOWED_ECHOING_HEADERS;
        }
    }

    private static final String TRUE = "true";

    private final OriginMatcher origins;
    private final boolean anyMethod;
    private final Set<String> methods;
    private final HeaderMatcher headers;
    /** Whether any content type is allowed, so that the request's need not be read. */
    final boolean allowNonSimpleContentTypes;

    final boolean allowSameOrigin;
    final boolean trustForwardedHeaders;
    final boolean rejectDisallowed;
    private final boolean allowCredentials;
    final boolean allowPrivateNetwork;
    private final boolean preflightNoContent;

    /** Pre-joined header values; null where the header is not sent. */
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;
    /** What a refusal depends on: the origin, and whether the request claims to be same-origin. */
    private final VaryHeader refusalVary;
    private final VaryHeader preflightVary;

    /** {@code Access-Control-Allow-Origin: *}: the same answer for every origin, and for none; null otherwise. */
    private final Outcome anyOrigin;
    /** No CORS headers, but the answer depended on the request's origin. */
    private final Outcome varyByOrigin;
    /** Refused by the policy, passed by the same-origin check. */
    private final Outcome sameOriginActual;
    private final Outcome sameOriginPreflight;

    CompiledPolicy(CorsPolicy policy) {
        allowCredentials = policy.allowCredentials();
        origins = OriginMatcher.of(policy);
        anyMethod = policy.anyMethod();
        methods = Set.copyOf(policy.methodNames());
        allowNonSimpleContentTypes = policy.allowNonSimpleContentTypes();
        headers = HeaderMatcher.of(policy);

        allowSameOrigin = policy.allowSameOrigin();
        trustForwardedHeaders = policy.trustForwardedHeaders();
        rejectDisallowed = policy.rejectDisallowed();
        allowPrivateNetwork = policy.allowPrivateNetwork();
        preflightNoContent = policy.preflightStatus() == 204;

        allowMethods = anyMethod ? null : String.join(", ", policy.methodNames());
        allowHeaders = String.join(", ", HeaderMatcher.namedHeaders(policy));
        List<String> exposed = new ArrayList<>(policy.exposedHeaderNames());
        if (policy.anyExposedHeader()) {
            exposed.add(CorsPolicy.WILDCARD);
        }
        exposeHeaders = exposed.isEmpty() ? null : String.join(", ", exposed);
        long seconds = policy.maxAge().getSeconds();
        maxAge = seconds == 0 ? null : Long.toString(seconds);
        // A refusal can be turned into a pass by the same-origin check, which reads Sec-Fetch-Site:
        // a cache must keep those answers apart.
        refusalVary = allowSameOrigin ? VaryHeader.ORIGIN_AND_FETCH_SITE : VaryHeader.ORIGIN;
        preflightVary = allowSameOrigin ? VaryHeader.PREFLIGHT_AND_FETCH_SITE : VaryHeader.PREFLIGHT;
        anyOrigin = policy.anyOrigin() && !allowCredentials ? new Outcome(this, CorsPolicy.WILDCARD, VaryHeader.NOTHING) : null;
        varyByOrigin = new Outcome(this, null, VaryHeader.ORIGIN);
        // Without a 403 to tell apart, passing on refused requests makes the same-origin check moot.
        sameOriginActual = new Outcome(this, null, rejectDisallowed ? refusalVary : VaryHeader.ORIGIN);
        sameOriginPreflight = new Outcome(this, null, preflightVary);
    }

    /* Deciding. */

    /** An actual request: its origin, its method, and its content type (null when it has none). */
    Verdict actual(String origin, String method, String contentType) {
        if (!origins.allows(origin)) {
            return Verdict.ORIGIN_NOT_ALLOWED;
        }
        if (!isMethodAllowed(method)) {
            return Verdict.METHOD_NOT_ALLOWED;
        }
        if (contentType != null && !allowNonSimpleContentTypes && !isSafelistedContentType(contentType)) {
            return Verdict.CONTENT_TYPE_NOT_ALLOWED;
        }
        return Verdict.ALLOWED;
    }

    /** A CORS-preflight request, with its {@code Access-Control-Request-*} values (headers may be null). */
    Verdict preflight(String origin, String requestMethod, String requestHeaders) {
        if (!origins.allows(origin)) {
            return Verdict.ORIGIN_NOT_ALLOWED;
        }
        if (!isMethodAllowed(requestMethod)) {
            return Verdict.METHOD_NOT_ALLOWED;
        }
        if (requestHeaders == null) {
            return Verdict.ALLOWED;
        }
        int scan = headers.scan(requestHeaders);
        return switch (scan) {
            case HeaderMatcher.ALL_NAMED -> Verdict.ALLOWED;
            case HeaderMatcher.SOME_BY_PATTERN -> Verdict.ALLOWED_ECHOING_HEADERS;
            case HeaderMatcher.MALFORMED -> Verdict.HEADERS_MALFORMED;
            default -> Verdict.HEADER_NOT_ALLOWED;
        };
    }

    /** Methods compare case-sensitively, as in the Fetch standard's CORS check. */
    boolean isMethodAllowed(String method) {
        if (methods.contains(method)) {
            return true;
        }
        // With credentials a method named '*' would be echoed back as a literal '*' that every other
        // reader of the response takes for "anything"; no Access-Control-* header carries '*' then.
        return anyMethod && HttpTokens.isToken(method) && !HttpTokens.isForbiddenMethod(method)
                && !(allowCredentials && method.equals(CorsPolicy.WILDCARD));
    }

    /**
     * Whether a content type is CORS-safelisted, so that a browser sends it without a preflight:
     * its essence is {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or
     * {@code text/plain}.
     */
    static boolean isSafelistedContentType(String value) {
        int end = value.indexOf(';');
        if (end < 0) {
            end = value.length();
        }
        int start = 0;
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return Ascii.equalsIgnoreCase("application/x-www-form-urlencoded", value, start, end)
                || Ascii.equalsIgnoreCase("multipart/form-data", value, start, end)
                || Ascii.equalsIgnoreCase("text/plain", value, start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** The first requested header the policy refuses, for the decision log. */
    String firstRefusedHeader(String requestHeaders) {
        int at = headers.scan(requestHeaders);
        return at >= 0 ? HeaderMatcher.nameAt(requestHeaders, at) : "?";
    }

    /* Answering. */

    /**
     * What a response to a request without {@code Origin} carries. Under {@code *} it is the answer
     * every origin gets, so that a shared cache can hand one stored copy to everyone; under any other
     * policy the answer depends on the origin, which {@code Vary} tells caches.
     */
    Outcome withoutOrigin() {
        return anyOrigin != null ? anyOrigin : varyByOrigin;
    }

    /** What the response to an allowed actual request from {@code origin} carries. */
    Outcome allowed(String origin) {
        return anyOrigin != null ? anyOrigin : new Outcome(this, origin, VaryHeader.ORIGIN);
    }

    /** An actual request the policy refused and {@code cors.reject-disallowed=false} lets through. */
    Outcome passedRefusal() {
        return varyByOrigin;
    }

    /** A request the policy refused but the same-origin check let through to the application. */
    Outcome sameOrigin(boolean preflight) {
        return preflight ? sameOriginPreflight : sameOriginActual;
    }

    /** The answer to an allowed preflight (a verdict for which {@link Verdict#allowed()}). */
    Response answerPreflight(Verdict verdict, String origin, String requestMethod, String requestHeaders,
            boolean privateNetworkRequested) {
        // Set on the built response rather than through the builder: each builder call costs a copy.
        Response answer = (preflightNoContent ? Response.noContent() : Response.ok()).build();
        MultivaluedMap<String, Object> h = answer.getHeaders();
        // An allowed preflight is allowed whatever Sec-Fetch-Site says: only refusals vary by it.
        VaryHeader.PREFLIGHT.setOn(h);
        h.put(CorsHeaders.ALLOW_ORIGIN, one(anyOrigin != null ? CorsPolicy.WILDCARD : origin));
        h.put(CorsHeaders.ALLOW_METHODS, one(allowMethods != null ? allowMethods : requestMethod));
        if (allowCredentials) {
            h.put(CorsHeaders.ALLOW_CREDENTIALS, one(TRUE));
        }
        if (requestHeaders != null && !requestHeaders.isBlank()) {
            h.put(CorsHeaders.ALLOW_HEADERS, one(verdict == Verdict.ALLOWED ? allowHeaders : HeaderMatcher.join(requestHeaders)));
        }
        if (maxAge != null) {
            h.put(CorsHeaders.MAX_AGE, one(maxAge));
        }
        if (privateNetworkRequested && allowPrivateNetwork) {
            h.put(CorsHeaders.ALLOW_PRIVATE_NETWORK, one(TRUE));
        }
        return answer;
    }

    /** A refused preflight: 403 without any {@code Access-Control-*} header. */
    Response refusePreflight() {
        return forbidden(preflightVary);
    }

    /** A refused actual request: 403, the resource never invoked. */
    Response refuseActual() {
        return forbidden(refusalVary);
    }

    private static Response forbidden(VaryHeader vary) {
        Response refusal = Response.status(Response.Status.FORBIDDEN).build();
        vary.setOn(refusal.getHeaders());
        return refusal;
    }

    /**
     * Writes an {@link Outcome} onto the response: the allowed origin ({@code null}: no CORS headers),
     * the credentials flag and the exposed headers, replacing any the resource set itself so that
     * they never contradict the policy; then {@code vary}, added to what is there.
     */
    void decorate(MultivaluedMap<String, Object> h, String allowedOrigin, VaryHeader vary) {
        if (allowedOrigin != null) {
            h.put(CorsHeaders.ALLOW_ORIGIN, one(allowedOrigin));
            if (allowCredentials) {
                h.put(CorsHeaders.ALLOW_CREDENTIALS, one(TRUE));
            }
            if (exposeHeaders != null) {
                h.put(CorsHeaders.EXPOSE_HEADERS, one(exposeHeaders));
            }
        }
        vary.addTo(h);
    }

    /** A header's values, as a list of its own: other filters may add to it. */
    private static List<Object> one(Object value) {
        return new HeaderValues(value);
    }
}
