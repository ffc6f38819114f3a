package io.github.jaxrscors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@link CorsPolicy} compiled for the request path: origins in a hash table, header names in a
 * case-insensitive set, and every response header value the policy can send joined in advance.
 * Deciding about an allowed request allocates nothing.
 */
final class CompiledPolicy {

    enum Verdict {
        ALLOWED,
        /** Not allowed, malformed, repeated or over-long origins included (the log tells them apart). */
        ORIGIN_NOT_ALLOWED,
        METHOD_NOT_ALLOWED,
        HEADERS_MALFORMED,
        HEADER_NOT_ALLOWED,
        CONTENT_TYPE_NOT_ALLOWED
    }

    /** {@link #scanRequestHeaders} results that are not the index of a disallowed header. */
    static final int ALL_NAMED = -1;
    static final int SOME_BY_PATTERN = -2;
    static final int MALFORMED = -3;

    private static final String NULL_ORIGIN = "null";
    private static final String AUTHORIZATION = "authorization";

    final Outcome.Allowed allowed = new Outcome.Allowed(this);

    private final CorsPolicy policy;
    private final boolean anyOrigin;
    private final OriginTable origins;
    private final Predicate<String>[] originPredicates;
    private final boolean anyMethod;
    private final Set<String> methods;
    private final boolean anyHeader;
    private final HeaderNameSet headerNames;
    private final String[] headerPrefixes;
    private final Predicate<String>[] headerPredicates;
    private final boolean allowNonSimpleContentTypes;

    /** {@code Access-Control-Allow-Origin: *} rather than the request's origin. */
    final boolean wildcardOrigin;
    /** Whether responses differ by {@code Origin}, and so carry {@code Vary: Origin}. */
    final boolean variesByOrigin;
    final boolean allowCredentials;
    final boolean allowPrivateNetwork;
    final boolean allowSameOrigin;
    final boolean rejectDisallowed;
    final boolean trustForwardedHeaders;
    final int preflightStatus;
    /** Pre-joined header values; null where the header is not sent. */
    final String allowMethods;
    final String allowHeaders;
    final String exposeHeaders;
    final String maxAge;

    @SuppressWarnings("unchecked")
    CompiledPolicy(CorsPolicy policy) {
        this.policy = policy;
        anyOrigin = policy.anyOrigin();
        origins = new OriginTable(policy.originSpecs());
        originPredicates = policy.originPredicates().toArray(Predicate[]::new);
        anyMethod = policy.anyMethod();
        methods = Set.copyOf(policy.methodNames());
        anyHeader = policy.anyHeader();
        allowNonSimpleContentTypes = policy.allowNonSimpleContentTypes();
        Set<String> names = new LinkedHashSet<>(CorsPolicy.ALWAYS_ALLOWED_HEADERS);
        if (allowNonSimpleContentTypes) {
            names.add("content-type");
        }
        names.addAll(policy.headerNames());
        headerNames = new HeaderNameSet(names);
        headerPrefixes = policy.headerPrefixes().toArray(String[]::new);
        headerPredicates = policy.headerPredicates().toArray(Predicate[]::new);

        allowCredentials = policy.allowCredentials();
        wildcardOrigin = anyOrigin && !allowCredentials;
        variesByOrigin = !wildcardOrigin;
        allowPrivateNetwork = policy.allowPrivateNetwork();
        allowSameOrigin = policy.allowSameOrigin();
        rejectDisallowed = policy.rejectDisallowed();
        trustForwardedHeaders = policy.trustForwardedHeaders();
        preflightStatus = policy.preflightStatus();

        allowMethods = anyMethod ? null : String.join(", ", policy.methodNames());
        allowHeaders = String.join(", ", names);
        List<String> exposed = new ArrayList<>(policy.exposedHeaderNames());
        if (policy.anyExposedHeader()) {
            exposed.add(CorsPolicy.WILDCARD);
        }
        exposeHeaders = exposed.isEmpty() ? null : String.join(", ", exposed);
        long seconds = policy.maxAge().getSeconds();
        maxAge = seconds == 0 ? null : Long.toString(seconds);
    }

    CorsPolicy policy() {
        return policy;
    }

    Verdict checkOrigin(String origin) {
        if (anyOrigin && NULL_ORIGIN.equals(origin)) {
            return Verdict.ALLOWED;
        }
        int probe = origins.probeCanonical(origin);
        if (probe == OriginTable.FOUND) {
            return Verdict.ALLOWED;
        }
        // Refusing is the cheapest answer when nothing but the canonical look-up could allow it.
        if (probe == OriginTable.ABSENT && !anyOrigin && originPredicates.length == 0) {
            return Verdict.ORIGIN_NOT_ALLOWED;
        }
        long parsed = Origins.parse(origin);
        if (parsed == Origins.MALFORMED) {
            return Verdict.ORIGIN_NOT_ALLOWED;
        }
        if (anyOrigin || origins.containsOtherSpelling(origin, parsed)) {
            return Verdict.ALLOWED;
        }
        for (Predicate<String> predicate : originPredicates) {
            if (predicate.test(origin)) {
                return Verdict.ALLOWED;
            }
        }
        return Verdict.ORIGIN_NOT_ALLOWED;
    }

    /** An actual request: its origin, its method, and its content type (null when it has none). */
    Verdict checkActual(String origin, String method, String contentType) {
        Verdict verdict = checkOrigin(origin);
        if (verdict != Verdict.ALLOWED) {
            return verdict;
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
    Verdict checkPreflight(String origin, String requestMethod, String requestHeaders) {
        Verdict verdict = checkOrigin(origin);
        if (verdict != Verdict.ALLOWED) {
            return verdict;
        }
        if (!isMethodAllowed(requestMethod)) {
            return Verdict.METHOD_NOT_ALLOWED;
        }
        if (requestHeaders != null) {
            int scan = scanRequestHeaders(requestHeaders);
            if (scan == MALFORMED) {
                return Verdict.HEADERS_MALFORMED;
            }
            if (scan >= 0) {
                return Verdict.HEADER_NOT_ALLOWED;
            }
        }
        return Verdict.ALLOWED;
    }

    /** Methods compare case-sensitively, as in the Fetch standard's CORS check. */
    boolean isMethodAllowed(String method) {
        if (methods.contains(method)) {
            return true;
        }
        return anyMethod && HttpTokens.isToken(method) && !HttpTokens.isForbiddenMethod(method)
                && !isEchoedWildcard(method, 0, method.length());
    }

    /**
     * A method or header literally named {@code *}, which a wildcard would echo back. With credentials
     * a browser reads that {@code *} literally, yet to every other reader of the response it says
     * "anything", so it is refused: no {@code Access-Control-*} header carries {@code *} with credentials.
     */
    private boolean isEchoedWildcard(String value, int start, int end) {
        return allowCredentials && end - start == 1 && value.charAt(start) == '*';
    }

    /**
     * Scans {@code Access-Control-Request-Headers} as Fetch parses it: comma-separated tokens with
     * optional whitespace, empty entries ignored. Each character is looked at a bounded number of
     * times, so hostile values cost time linear in their length, and nothing is allocated unless a
     * predicate must see a name.
     *
     * @return {@link #ALL_NAMED} if every header is allowed by name, {@link #SOME_BY_PATTERN} if
     *     every header is allowed but some only by prefix, predicate or {@code *}, {@link #MALFORMED},
     *     or the index where the first disallowed header starts
     */
    int scanRequestHeaders(String value) {
        int length = value.length();
        int result = ALL_NAMED;
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            int hash = 0;
            for (; i < length; i++) {
                char name = value.charAt(i);
                if (!HttpTokens.isTokenChar(name)) {
                    break;
                }
                hash = HeaderNameSet.hashStep(hash, name);
            }
            int end = i;
            while (i < length && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (end == start || i < length && value.charAt(i) != ',') {
                return MALFORMED;
            }
            if (!headerNames.contains(value, start, end, hash)) {
                if (!isAllowedByPattern(value, start, end)) {
                    return start;
                }
                result = SOME_BY_PATTERN;
            }
        }
        return result;
    }

    private boolean isAllowedByPattern(String value, int start, int end) {
        if (isEchoedWildcard(value, start, end)) {
            return false;
        }
        for (String prefix : headerPrefixes) {
            if (end - start >= prefix.length() && Origins.regionEqualsIgnoreCase(value, start, prefix)) {
                return true;
            }
        }
        if (anyHeader && !(end - start == AUTHORIZATION.length() && Origins.regionEqualsIgnoreCase(value, start, AUTHORIZATION))) {
            return true;
        }
        if (headerPredicates.length > 0) {
            String name = value.substring(start, end).toLowerCase(Locale.ROOT);
            for (Predicate<String> predicate : headerPredicates) {
                if (predicate.test(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The allowed request headers, lower-cased and joined: only called once every one matched. */
    static String joinRequestHeaders(String value) {
        StringBuilder joined = new StringBuilder(value.length());
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (joined.length() > 0) {
                joined.append(", ");
            }
            while (i < length && HttpTokens.isTokenChar(value.charAt(i))) {
                joined.append(Origins.toLower(value.charAt(i++)));
            }
        }
        return joined.toString();
    }

    /** The request header the scan stopped at, for the decision log. */
    static String headerAt(String value, int start) {
        int end = start;
        while (end < value.length() && HttpTokens.isTokenChar(value.charAt(end))) {
            end++;
        }
        return value.substring(start, end).toLowerCase(Locale.ROOT);
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
        return isEssence(value, start, end, "application/x-www-form-urlencoded")
                || isEssence(value, start, end, "multipart/form-data")
                || isEssence(value, start, end, "text/plain");
    }

    private static boolean isEssence(String value, int start, int end, String essence) {
        return end - start == essence.length() && Origins.regionEqualsIgnoreCase(value, start, essence);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
