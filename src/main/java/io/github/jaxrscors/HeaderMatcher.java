package io.github.jaxrscors;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether every header a preflight's {@code Access-Control-Request-Headers} names is one a policy
 * allows: by name, by prefix, by {@code *} (never {@code Authorization}, which must be named), or by
 * a predicate given in code.
 */
final class HeaderMatcher {

    /** {@link #scan} results that are not the index of a disallowed header. */
    static final int ALL_NAMED = -1;
    static final int SOME_BY_PATTERN = -2;
    static final int MALFORMED = -3;

    private static final String AUTHORIZATION = "authorization";

    private final HeaderNameSet names;
    private final String[] prefixes;
    private final boolean anyHeader;
    private final Predicate<String>[] predicates;
    /** With credentials a header literally named {@code *} is refused; see {@link #isAllowedByPattern}. */
    private final boolean allowCredentials;

    /** The matcher of a policy's request headers. */
    static HeaderMatcher of(CorsPolicy policy) {
        return new HeaderMatcher(namedHeaders(policy), policy.headerPrefixes(), policy.anyHeader(),
                policy.headerPredicates(), policy.allowCredentials());
    }

    /**
     * The header names a policy allows by name, in lower case: the always-allowed ones,
     * {@code content-type} where non-safelisted content types are allowed, then the policy's own.
     */
    static Set<String> namedHeaders(CorsPolicy policy) {
        Set<String> names = new LinkedHashSet<>(CorsPolicy.ALWAYS_ALLOWED_HEADERS);
        if (policy.allowNonSimpleContentTypes()) {
            names.add("content-type");
        }
        names.addAll(policy.headerNames());
        return names;
    }

    @SuppressWarnings("unchecked")
    HeaderMatcher(Collection<String> lowerCaseNames, Collection<String> lowerCasePrefixes, boolean anyHeader,
            Collection<Predicate<String>> predicates, boolean allowCredentials) {
        this.names = new HeaderNameSet(lowerCaseNames);
        this.prefixes = lowerCasePrefixes.toArray(String[]::new);
        this.anyHeader = anyHeader;
        this.predicates = predicates.toArray(Predicate[]::new);
        this.allowCredentials = allowCredentials;
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
    int scan(String value) {
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
            if (!names.contains(value, start, end, hash)) {
                if (!isAllowedByPattern(value, start, end)) {
                    return start;
                }
                result = SOME_BY_PATTERN;
            }
        }
        return result;
    }

    private boolean isAllowedByPattern(String value, int start, int end) {
        // A header literally named '*' would be echoed back; with credentials a browser reads that
        // '*' literally, yet to every other reader it says "anything", so it is refused.
        if (allowCredentials && end - start == 1 && value.charAt(start) == '*') {
            return false;
        }
        for (String prefix : prefixes) {
            if (end - start >= prefix.length() && Ascii.regionEqualsIgnoreCase(value, start, prefix)) {
                return true;
            }
        }
        if (anyHeader && !Ascii.equalsIgnoreCase(AUTHORIZATION, value, start, end)) {
            return true;
        }
        if (predicates.length > 0) {
            String name = value.substring(start, end).toLowerCase(Locale.ROOT);
            for (Predicate<String> predicate : predicates) {
                if (predicate.test(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The requested headers, lower-cased and joined: called only once every one was allowed. */
    static String join(String value) {
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
                joined.append(Ascii.toLower(value.charAt(i++)));
            }
        }
        return joined.toString();
    }

    /** The header name that starts at {@code start}, for the decision log. */
    static String nameAt(String value, int start) {
        int end = start;
        while (end < value.length() && HttpTokens.isTokenChar(value.charAt(end))) {
            end++;
        }
        return value.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
