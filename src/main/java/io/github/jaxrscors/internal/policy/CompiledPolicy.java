package io.github.jaxrscors.internal.policy;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link Policy} compiled for the request path: it decides about a request and writes the
 * answer. Origins and header names sit in hash tables, and every header value the policy can send
 * is joined in advance; deciding allocates nothing.
 *
 * <p>The caller asks for a {@link Decision} ({@link #actual}, {@link #preflight}), then for the
 * answer that goes with it: a preflight response ({@link #answerPreflight}, {@link #refusePreflight}),
 * a refusal of an actual request ({@link #refuseActual}), or a {@link Decoration} of the
 * application's response.
 */
public final class CompiledPolicy {

    private static final String TRUE = "true";
    private static final byte[] EMPTY = new byte[0];

    private final Policy policy;
    private final OriginMatcher origins;
    /** What an origin refusal says: {@link Decision#ORIGIN}, or {@link Decision#NOT_DEPLOYED} for the policy that refuses everything. */
    private final Decision originRefusal;
    private final boolean anyMethod;
    private final Set<String> methods;
    private final HeaderMatcher headers;
    private final boolean allowNonSimpleContentTypes;

    private final boolean allowSameOrigin;
    private final boolean trustForwardedHeaders;
    private final boolean rejectDisallowed;
    private final boolean allowCredentials;
    private final boolean allowPrivateNetwork;
    private final boolean preflightNoContent;
    private final boolean reportOnly;

    /** Pre-joined header values; null where the header is not sent. */
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;
    /** What a refusal depends on: the origin, and whether the request claims to be same-origin. */
    private final VaryHeader refusalVary;
    private final VaryHeader preflightVary;

    /** {@code Access-Control-Allow-Origin: *}: the same answer for every origin, and for none; null otherwise. */
    private final Decoration anyOrigin;
    /** No CORS headers, but the answer depended on the request's origin. */
    private final Decoration varyByOrigin;
    /** Refused by the policy, passed by the same-origin check. */
    private final Decoration sameOriginActual;
    private final Decoration sameOriginPreflight;

    public CompiledPolicy(Policy policy) {
        this(policy, Decision.ORIGIN);
    }

    private CompiledPolicy(Policy policy, Decision originRefusal) {
        this.policy = policy;
        this.originRefusal = originRefusal;
        allowCredentials = policy.allowCredentials();
        origins = OriginMatcher.of(policy);
        anyMethod = policy.anyMethod();
        methods = Set.copyOf(policy.methods());
        allowNonSimpleContentTypes = policy.allowNonSimpleContentTypes();
        headers = HeaderMatcher.of(policy);

        allowSameOrigin = policy.allowSameOrigin();
        trustForwardedHeaders = policy.trustForwardedHeaders();
        rejectDisallowed = policy.rejectDisallowed();
        allowPrivateNetwork = policy.allowPrivateNetwork();
        preflightNoContent = policy.preflightStatus() == 204;
        reportOnly = policy.reportOnly();

        allowMethods = anyMethod ? null : String.join(", ", policy.methods());
        allowHeaders = String.join(", ", HeaderMatcher.namedHeaders(policy));
        List<String> exposed = new ArrayList<>(policy.exposedHeaders());
        if (policy.anyExposedHeader()) {
            exposed.add(Policy.WILDCARD);
        }
        exposeHeaders = exposed.isEmpty() ? null : String.join(", ", exposed);
        long seconds = policy.maxAge().getSeconds();
        maxAge = seconds == 0 ? null : Long.toString(seconds);
        // A refusal can be turned into a pass by the same-origin check, which reads Sec-Fetch-Site:
        // a cache must keep those answers apart.
        refusalVary = allowSameOrigin ? VaryHeader.ORIGIN_AND_FETCH_SITE : VaryHeader.ORIGIN;
        preflightVary = allowSameOrigin ? VaryHeader.PREFLIGHT_AND_FETCH_SITE : VaryHeader.PREFLIGHT;
        anyOrigin = policy.anyOrigin() && !allowCredentials ? new Decoration(this, Policy.WILDCARD, VaryHeader.NOTHING, null) : null;
        varyByOrigin = new Decoration(this, null, VaryHeader.ORIGIN, null);
        // Without a 403 to tell apart, passing on refused requests makes the same-origin check moot.
        sameOriginActual = new Decoration(this, null, rejectDisallowed ? refusalVary : VaryHeader.ORIGIN, null);
        sameOriginPreflight = new Decoration(this, null, preflightVary, null);
    }

    /**
     * What answers once the library could not learn the application's policy: no other origin is
     * allowed, and every refusal says why. Same-origin requests still pass.
     */
    public static CompiledPolicy refusingAll() {
        return new CompiledPolicy(new PolicyDraft().validate(), Decision.NOT_DEPLOYED);
    }

    /** The policy this was compiled from. */
    public Policy policy() {
        return policy;
    }

    /* Deciding. */

    /** An actual request: its origin, its method, and its content type (null when it has none). */
    public Decision actual(String origin, String method, String contentType) {
        if (!origins.allows(origin)) {
            return originRefusal;
        }
        if (!isMethodAllowed(method)) {
            return Decision.METHOD;
        }
        if (contentType != null && !allowNonSimpleContentTypes && !isSafelistedContentType(contentType)) {
            return Decision.CONTENT_TYPE;
        }
        return Decision.ALLOWED;
    }

    /**
     * A CORS-preflight request, with its {@code Access-Control-Request-*} values (headers may be
     * null). A private-network preflight the policy does not permit is refused, though it is still
     * answered: without permission, which browsers refuse.
     */
    public Decision preflight(String origin, String requestMethod, String requestHeaders, boolean privateNetworkRequested) {
        if (!origins.allows(origin)) {
            return originRefusal;
        }
        if (!isMethodAllowed(requestMethod)) {
            return Decision.METHOD;
        }
        Decision decision = requestHeaders == null ? Decision.ALLOWED : headers.check(requestHeaders);
        return decision.allowed() && privateNetworkRequested && !allowPrivateNetwork ? Decision.PRIVATE_NETWORK : decision;
    }

    /** Methods compare case-sensitively, as in the Fetch standard's CORS check. */
    public boolean isMethodAllowed(String method) {
        if (methods.contains(method)) {
            return true;
        }
        // With credentials a method named '*' would be echoed back as a literal '*' that every other
        // reader of the response takes for "anything"; no Access-Control-* header carries '*' then.
        return anyMethod && HttpTokens.isToken(method) && !HttpTokens.isForbiddenMethod(method)
                && !(allowCredentials && method.equals(Policy.WILDCARD));
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

    /* What the request filter needs to know before it decides. */

    /** Whether any content type is allowed, so that the request's need not be read. */
    public boolean allowsAnyContentType() {
        return allowNonSimpleContentTypes;
    }

    /**
     * Whether a request the policy refused passes untouched because it comes from the server's own
     * origin ({@code cors.allow-same-origin}).
     */
    public <R> boolean passesAsSameOrigin(String origin, R request, Exchange<R> exchange) {
        return allowSameOrigin && SameOrigin.matches(origin, request, exchange, trustForwardedHeaders);
    }

    public boolean reportOnly() {
        return reportOnly;
    }

    /** Whether a refused actual request is answered 403; else it goes on with {@link #passedRefusal()}. */
    public boolean rejectsDisallowed() {
        return rejectDisallowed;
    }

    /* Answering. */

    /**
     * What a response to a request without {@code Origin} carries. Under {@code *} it is the answer
     * every origin gets, so that a shared cache can hand one stored copy to everyone; under any other
     * policy the answer depends on the origin, which {@code Vary} tells caches.
     */
    public Decoration withoutOrigin() {
        return anyOrigin != null ? anyOrigin : varyByOrigin;
    }

    /** What the response to an allowed actual request from {@code origin} carries. */
    public Decoration allowed(String origin) {
        return anyOrigin != null ? anyOrigin : new Decoration(this, origin, VaryHeader.ORIGIN, null);
    }

    /** A refused actual request: 403, the resource never invoked. */
    public Response refuseActual() {
        return forbidden(refusalVary);
    }

    /** An actual request the policy refused and {@code cors.reject-disallowed=false} lets through. */
    public Decoration passedRefusal() {
        return varyByOrigin;
    }

    /** A request the policy refused but the same-origin check let through to the application. */
    public Decoration sameOrigin(boolean preflight) {
        return preflight ? sameOriginPreflight : sameOriginActual;
    }

    /**
     * The answer to a preflight that was allowed, or refused only for private network access
     * ({@link Decision#PRIVATE_NETWORK}): then without the permission, so that the browser refuses.
     */
    public Response answerPreflight(Decision decision, String origin, String requestMethod, String requestHeaders,
            boolean privateNetworkRequested) {
        // Set on the built response rather than through the builder: each builder call costs a copy.
        Response answer = (preflightNoContent ? Response.noContent() : Response.ok()).build();
        MultivaluedMap<String, Object> h = answer.getHeaders();
        // An allowed preflight is allowed whatever Sec-Fetch-Site says: only refusals vary by it.
        VaryHeader.PREFLIGHT.setOn(h);
        h.put(CorsHeaders.ALLOW_ORIGIN, one(anyOrigin != null ? Policy.WILDCARD : origin));
        h.put(CorsHeaders.ALLOW_METHODS, one(allowMethods != null ? allowMethods : requestMethod));
        if (allowCredentials) {
            h.put(CorsHeaders.ALLOW_CREDENTIALS, one(TRUE));
        }
        if (requestHeaders != null && !requestHeaders.isBlank()) {
            h.put(CorsHeaders.ALLOW_HEADERS, one(decision.echoesHeaders() ? HeaderMatcher.join(requestHeaders) : allowHeaders));
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
    public Response refusePreflight() {
        return forbidden(preflightVary);
    }

    /**
     * A 403 with an empty body of its own: without one, a servlet container's writer answers with
     * {@code sendError}, whose error page drops {@code Vary} on some containers (Jetty) and replaces
     * the body with the container's page.
     */
    private static Response forbidden(VaryHeader vary) {
        Response refusal = Response.status(Response.Status.FORBIDDEN).entity(EMPTY).type(MediaType.TEXT_PLAIN_TYPE).build();
        vary.setOn(refusal.getHeaders());
        return refusal;
    }

    /**
     * Writes a {@link Decoration} onto the response: the allowed origin ({@code null}: no CORS headers),
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
    static List<Object> one(Object value) {
        return new HeaderValues(value);
    }
}
