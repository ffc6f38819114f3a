package io.github.jaxrscors.internal.policy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a request's {@code Origin} is one a policy allows. {@link #allows} reads top to bottom:
 *
 * <ol>
 *   <li>The spelling browsers send: an exact origin is kept in its canonical serialization (lower
 *       case, default port omitted), so an allowed origin from a browser is found by one hash and one
 *       {@code String.equals} (for a few origins, by {@code String.equals} alone), before any parsing.
 *   <li>A refusal without parsing: when nothing but that look-up could allow the origin, a miss ends it.
 *   <li>The parse ({@link OriginParser}), then a match of its parts: an exact origin spelled
 *       otherwise (upper case, the default port written out), a {@code *.} suffix, a {@code :*} port.
 *   <li>The predicates given in code.
 * </ol>
 *
 * <p>The parts are matched in a {@link ProbeTable} keyed by (scheme, host, port, wildcard),
 * probed straight from the request's string: scheme and host are hashed and compared in place,
 * case-insensitively, so nothing is allocated. A {@code *.example.com} spec is found by hashing each
 * suffix of the request host that starts at a label boundary and is not the whole host; the suffix
 * hashes come from one right-to-left pass, so the cost is linear in the host's length however many
 * specs there are.
 */
public final class OriginMatcher {

    private static final String NULL_ORIGIN = "null";

    /** Up to this many exact origins, {@code String.equals} on each beats hashing the request's origin. */
    private static final int FEW = 4;

    private static final int FOUND = 0;
    private static final int OTHER_CASE = 1;
    private static final int ABSENT = 2;

    private final boolean anyOrigin;
    private final Predicate<String>[] predicates;

    /** Canonical serializations of the exact origins, hashed by {@link #canonicalHash}. */
    private final ProbeTable<String> canonical;
    /** The same, when so few that comparing each costs less than hashing. */
    private final String[] fewCanonical;

    /** Every spec, hashed by its parts ({@link #partsHash}). */
    private final ProbeTable<OriginSpec> parts;
    private final boolean hasSubdomains;
    private final boolean hasAnyPort;

    /** The matcher of a policy's origins. */
    public static OriginMatcher of(Policy policy) {
        return new OriginMatcher(policy.originSpecs(), policy.anyOrigin(), policy.originPredicates());
    }

    @SuppressWarnings("unchecked")
    OriginMatcher(Collection<OriginSpec> specs, boolean anyOrigin, Collection<Predicate<String>> predicates) {
        this.anyOrigin = anyOrigin;
        this.predicates = predicates.toArray(Predicate[]::new);
        Set<OriginSpec> distinct = new LinkedHashSet<>(specs);
        parts = new ProbeTable<>(distinct, spec -> partsHash(hashScheme(spec.scheme(), 0, spec.scheme().length()),
                hashHost(spec.host(), 0, spec.host().length()), spec.port(), spec.subdomains()));
        Set<String> exact = new LinkedHashSet<>();
        for (OriginSpec spec : distinct) {
            String serialized = spec.toString();
            // Only what the parsed path accepts as well, so that both paths agree.
            if (!spec.subdomains() && spec.port() != OriginSpec.ANY_PORT && OriginParser.parse(serialized) != OriginParser.MALFORMED) {
                exact.add(serialized);
            }
        }
        canonical = new ProbeTable<>(exact, OriginMatcher::canonicalHash);
        hasSubdomains = distinct.stream().anyMatch(OriginSpec::subdomains);
        hasAnyPort = distinct.stream().anyMatch(spec -> spec.port() == OriginSpec.ANY_PORT);
        fewCanonical = exact.size() <= FEW ? exact.toArray(String[]::new) : null;
    }

    /** Whether the origin, exactly as the request sent it, is allowed. */
    public boolean allows(String origin) {
        int spelling = lookUpCanonical(origin);
        if (spelling == FOUND) {
            return true;
        }
        if (spelling == ABSENT && !anyOrigin && predicates.length == 0
                && !hasSubdomains && !hasAnyPort && !endsWithDefaultPort(origin)) {
            return false;
        }
        long parsed = OriginParser.parse(origin);
        if (parsed == OriginParser.MALFORMED) {
            // Sandboxed pages, local files and redirects send "null": only "any origin" covers it.
            return anyOrigin && NULL_ORIGIN.equals(origin);
        }
        if (anyOrigin || matchesParts(origin, parsed)) {
            return true;
        }
        for (Predicate<String> predicate : predicates) {
            if (predicate.test(origin)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Looks the origin up among the canonical exact origins. The hash folds case, so a spelling in
     * other case lands on its origin's chain and is reported as {@link #OTHER_CASE}.
     */
    private int lookUpCanonical(String origin) {
        if (fewCanonical != null) {
            for (String candidate : fewCanonical) {
                if (candidate.equals(origin)) {
                    return FOUND;
                }
            }
            for (String candidate : fewCanonical) {
                if (candidate.equalsIgnoreCase(origin)) {
                    return OTHER_CASE;
                }
            }
            return ABSENT;
        }
        for (int slot = canonical.first(canonicalHash(origin)); canonical.at(slot) != null; slot = canonical.next(slot)) {
            String candidate = canonical.at(slot);
            if (candidate.equals(origin)) {
                return FOUND;
            }
            if (candidate.equalsIgnoreCase(origin)) {
                return OTHER_CASE;
            }
        }
        return ABSENT;
    }

    /** A port that a canonical origin would omit. */
    private static boolean endsWithDefaultPort(String origin) {
        return origin.endsWith(":80") || origin.endsWith(":443");
    }

    /**
     * Whether the parsed origin matches a spec in a way the canonical look-up cannot find: through a
     * wildcard or any-port spec, or spelled differently from an exact spec.
     */
    private boolean matchesParts(String origin, long parsed) {
        if (!hasSubdomains && !hasAnyPort && isCanonical(origin, parsed)) {
            return false;
        }
        int schemeEnd = OriginParser.schemeEnd(parsed);
        int hostStart = OriginParser.hostStart(parsed);
        int hostEnd = OriginParser.hostEnd(parsed);
        int port = OriginParser.port(parsed);
        int schemeHash = hashScheme(origin, 0, schemeEnd);
        int hostHash = 0;
        for (int i = hostEnd - 1; i >= hostStart; i--) {
            char c = origin.charAt(i);
            if (c == '.' && hasSubdomains
                    && find(origin, schemeEnd, i + 1, hostEnd, schemeHash, hostHash, port, true)) {
                return true;
            }
            hostHash = hostHash * 31 + Ascii.toLower(c);
        }
        return find(origin, schemeEnd, hostStart, hostEnd, schemeHash, hostHash, port, false);
    }

    /** Spelled as browsers serialize it: lower-case scheme and host, no default port. */
    private static boolean isCanonical(String origin, long parsed) {
        int hostEnd = OriginParser.hostEnd(parsed);
        if (hostEnd < origin.length() && OriginParser.port(parsed) == OriginParser.DEFAULT_PORT) {
            return false;
        }
        for (int i = 0; i < hostEnd; i++) {
            char c = origin.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    private boolean find(String origin, int schemeEnd, int hostStart, int hostEnd,
            int schemeHash, int hostHash, int port, boolean wildcard) {
        return probe(origin, schemeEnd, hostStart, hostEnd, partsHash(schemeHash, hostHash, port, wildcard), port, wildcard)
                || hasAnyPort && probe(origin, schemeEnd, hostStart, hostEnd,
                        partsHash(schemeHash, hostHash, OriginSpec.ANY_PORT, wildcard), OriginSpec.ANY_PORT, wildcard);
    }

    private boolean probe(String origin, int schemeEnd, int hostStart, int hostEnd, int hash, int port, boolean wildcard) {
        for (int slot = parts.first(hash); parts.at(slot) != null; slot = parts.next(slot)) {
            OriginSpec spec = parts.at(slot);
            if (spec.port() == port && spec.subdomains() == wildcard
                    && Ascii.equalsIgnoreCase(spec.host(), origin, hostStart, hostEnd)
                    && Ascii.equalsIgnoreCase(spec.scheme(), origin, 0, schemeEnd)) {
                return true;
            }
        }
        return false;
    }

    private static int hashScheme(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = h * 31 + Ascii.toLower(s.charAt(i));
        }
        return h;
    }

    /** Hashed right to left, so that every label-boundary suffix's hash falls out of one pass. */
    private static int hashHost(String s, int start, int end) {
        int h = 0;
        for (int i = end - 1; i >= start; i--) {
            h = h * 31 + Ascii.toLower(s.charAt(i));
        }
        return h;
    }

    private static int partsHash(int schemeHash, int hostHash, int port, boolean wildcard) {
        int h = (schemeHash * 0x9E3779B1 + hostHash) * 31 + port;
        return wildcard ? ~h : h;
    }

    /**
     * A hash of every character in four interleaved lanes, which shortens the chain of dependent
     * multiplications fourfold. Not {@code String.hashCode()}: a header value is a new string per
     * request, so its cached hash would never be reused. {@code | 0x20} folds ASCII letters to lower
     * case without a branch (it folds a few punctuation characters too, which only adds collisions).
     */
    private static int canonicalHash(String s) {
        int length = s.length();
        int h0 = length;
        int h1 = 0;
        int h2 = 0;
        int h3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            h0 = h0 * 31 + (s.charAt(i) | 0x20);
            h1 = h1 * 31 + (s.charAt(i + 1) | 0x20);
            h2 = h2 * 31 + (s.charAt(i + 2) | 0x20);
            h3 = h3 * 31 + (s.charAt(i + 3) | 0x20);
        }
        for (; i < length; i++) {
            h0 = h0 * 31 + (s.charAt(i) | 0x20);
        }
        return ((h0 * 0x9E3779B1 + h1) * 0x9E3779B1 + h2) * 0x9E3779B1 + h3;
    }
}
