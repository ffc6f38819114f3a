package io.github.jaxrscors.internal.policy;

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
public final class HeaderMatcher {

    private static final String AUTHORIZATION = "authorization";

    /** The names allowed by name, in lower case, hashed case-insensitively by {@link #hashStep}. */
    private final ProbeTable<String> names;
    private final String[] prefixes;
    private final boolean anyHeader;
    private final Predicate<String>[] predicates;
    /** With credentials a header literally named {@code *} is refused; see {@link #isAllowedByPattern}. */
    private final boolean allowCredentials;

    /** The matcher of a policy's request headers. */
    public static HeaderMatcher of(Policy policy) {
        return new HeaderMatcher(namedHeaders(policy), policy.headerPrefixes(), policy.anyHeader(),
                policy.headerPredicates(), policy.allowCredentials());
    }

    /**
     * The header names a policy allows by name, in lower case: the always-allowed ones,
     * {@code content-type} where non-safelisted content types are allowed, then the policy's own.
     */
    static Set<String> namedHeaders(Policy policy) {
        Set<String> names = new LinkedHashSet<>(Policy.ALWAYS_ALLOWED_HEADERS);
        if (policy.allowNonSimpleContentTypes()) {
            names.add("content-type");
        }
        names.addAll(policy.headers());
        return names;
    }

    @SuppressWarnings("unchecked")
    HeaderMatcher(Collection<String> lowerCaseNames, Collection<String> lowerCasePrefixes, boolean anyHeader,
            Collection<Predicate<String>> predicates, boolean allowCredentials) {
        this.names = new ProbeTable<>(Set.copyOf(lowerCaseNames), name -> hash(name, 0, name.length()));
        this.prefixes = lowerCasePrefixes.toArray(String[]::new);
        this.anyHeader = anyHeader;
        this.predicates = predicates.toArray(Predicate[]::new);
        this.allowCredentials = allowCredentials;
    }

    /**
     * Checks {@code Access-Control-Request-Headers} as Fetch parses it: comma-separated tokens with
     * optional whitespace, empty entries ignored. Each character is looked at a bounded number of
     * times, so hostile values cost time linear in their length, and nothing is allocated unless a
     * predicate must see a name or a header is refused.
     *
     * @return {@link Decision#ALLOWED} if every header is allowed by name,
     *     {@link Decision#ALLOWED_ECHOING_HEADERS} if some only by prefix, predicate or {@code *},
     *     {@link Decision#MALFORMED_HEADERS}, or the refusal of the first header not allowed
     */
    public Decision check(String value) {
        int length = value.length();
        Decision result = Decision.ALLOWED;
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
                hash = hashStep(hash, name);
            }
            int end = i;
            while (i < length && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (end == start || i < length && value.charAt(i) != ',') {
                return Decision.MALFORMED_HEADERS;
            }
            if (!isNamed(value, start, end, hash)) {
                if (!isAllowedByPattern(value, start, end)) {
                    return Decision.refusedHeader(start, end);
                }
                result = Decision.ALLOWED_ECHOING_HEADERS;
            }
        }
        return result;
    }

    /** Whether {@code value[start, end)}, whose case-insensitive hash is {@code hash}, is a name the policy allows. */
    private boolean isNamed(String value, int start, int end, int hash) {
        int length = end - start;
        for (int slot = names.first(hash); names.at(slot) != null; slot = names.next(slot)) {
            String name = names.at(slot);
            if (name.length() == length && Ascii.regionEqualsIgnoreCase(value, start, name)) {
                return true;
            }
        }
        return false;
    }

    /** Folds one more character of a name into its case-insensitive hash. */
    private static int hashStep(int hash, char c) {
        return hash * 31 + Ascii.toLower(c);
    }

    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = hashStep(h, s.charAt(i));
        }
        return h;
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
    public static String join(String value) {
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
}
