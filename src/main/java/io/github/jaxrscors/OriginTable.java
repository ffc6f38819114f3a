package io.github.jaxrscors;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * The configured origins as an open-addressing hash table keyed by (scheme, host, port, wildcard),
 * probed straight from the request's {@code Origin} string: scheme and host are hashed and compared
 * in place, case-insensitively, so a look-up allocates nothing.
 *
 * <p>A {@code *.example.com} spec is found by hashing each suffix of the request host that starts
 * at a label boundary and is not the whole host; the suffix hashes come from one right-to-left pass,
 * so the cost is linear in the host's length however many specs there are.
 *
 * <p>Browsers send an origin in its canonical serialization (lower case, default port omitted), so
 * the exact specs are also kept as canonical strings: an allowed origin from a browser is found by
 * one hash and one {@code String.equals}, before any parsing. Only other spellings, wildcard specs
 * and origins that are not allowed take the parsed path.
 */
final class OriginTable {

    /** {@link #probeCanonical} results. */
    static final int FOUND = 0;
    /** No spelling of an exact spec: with exact specs alone, the origin is not allowed. */
    static final int ABSENT = 1;
    /** Possibly another spelling of a spec (other case, explicit default port): parse it to know. */
    static final int UNDECIDED = 2;

    /** Up to this many exact specs, {@code String.equals} on each beats hashing the origin. */
    private static final int FEW = 4;

    private final String[] schemes;
    private final String[] hosts;
    private final int[] ports;
    private final boolean[] subdomains;
    private final int mask;
    private final boolean hasSubdomains;
    private final boolean hasAnyPort;
    private final String[] canonical;
    private final int canonicalMask;
    /** The canonical forms again, when so few that comparing each costs less than hashing. */
    private final String[] fewCanonical;

    OriginTable(Collection<OriginSpec> specs) {
        int capacity = Integer.highestOneBit(Math.max(4, specs.size() * 2) - 1) << 1;
        schemes = new String[capacity];
        hosts = new String[capacity];
        ports = new int[capacity];
        subdomains = new boolean[capacity];
        mask = capacity - 1;
        boolean anySubdomains = false;
        boolean anyPort = false;
        for (OriginSpec spec : specs) {
            int slot = hash(hashScheme(spec.scheme(), 0, spec.scheme().length()),
                    hashHost(spec.host(), 0, spec.host().length()), spec.port(), spec.subdomains()) & mask;
            while (hosts[slot] != null) {
                slot = (slot + 1) & mask;
            }
            schemes[slot] = spec.scheme();
            hosts[slot] = spec.host();
            ports[slot] = spec.port();
            subdomains[slot] = spec.subdomains();
            anySubdomains |= spec.subdomains();
            anyPort |= spec.port() == OriginSpec.ANY_PORT;
        }
        hasSubdomains = anySubdomains;
        hasAnyPort = anyPort;

        canonical = new String[capacity];
        canonicalMask = mask;
        for (OriginSpec spec : specs) {
            String serialized = spec.toString();
            // Only what the parsed path accepts as well, so that both paths agree.
            if (!spec.subdomains() && spec.port() != OriginSpec.ANY_PORT && Origins.parse(serialized) != Origins.MALFORMED) {
                int slot = canonicalHash(serialized) & canonicalMask;
                while (canonical[slot] != null) {
                    slot = (slot + 1) & canonicalMask;
                }
                canonical[slot] = serialized;
            }
        }
        String[] all = Arrays.stream(canonical).filter(Objects::nonNull).toArray(String[]::new);
        fewCanonical = all.length <= FEW ? all : null;
    }

    /**
     * Looks the request's origin up, exactly as sent, among the canonical forms of the exact specs.
     * The hash folds case, so a spelling in other case lands on its spec's chain, and a miss with no
     * such candidate and no default port at the end is {@link #ABSENT} without any parsing.
     */
    int probeCanonical(String origin) {
        if (fewCanonical != null) {
            for (String candidate : fewCanonical) {
                if (candidate.equals(origin)) {
                    return FOUND;
                }
            }
            for (String candidate : fewCanonical) {
                if (candidate.equalsIgnoreCase(origin)) {
                    return UNDECIDED;
                }
            }
            return undecidedUnlessAbsent(origin);
        }
        for (int slot = canonicalHash(origin) & canonicalMask; canonical[slot] != null; slot = (slot + 1) & canonicalMask) {
            String candidate = canonical[slot];
            if (candidate.equals(origin)) {
                return FOUND;
            }
            if (candidate.equalsIgnoreCase(origin)) {
                return UNDECIDED;
            }
        }
        return undecidedUnlessAbsent(origin);
    }

    private int undecidedUnlessAbsent(String origin) {
        return hasSubdomains || hasAnyPort || Origins.endsWithDefaultPort(origin) ? UNDECIDED : ABSENT;
    }

    /**
     * Whether the origin, already parsed by {@link Origins#parse}, matches a spec in a way that
     * {@link #probeCanonical} cannot find: through a wildcard or any-port spec, or spelled
     * differently from an exact spec (upper case, the default port written out).
     */
    boolean containsOtherSpelling(String origin, long parsed) {
        if (!hasSubdomains && !hasAnyPort && Origins.isCanonical(origin, parsed)) {
            return false;
        }
        int schemeEnd = Origins.schemeEnd(parsed);
        int hostStart = Origins.hostStart(parsed);
        int hostEnd = Origins.hostEnd(parsed);
        int port = Origins.port(parsed);
        int schemeHash = hashScheme(origin, 0, schemeEnd);
        int hostHash = 0;
        for (int i = hostEnd - 1; i >= hostStart; i--) {
            char c = origin.charAt(i);
            if (c == '.' && hasSubdomains
                    && find(origin, schemeEnd, i + 1, hostEnd, schemeHash, hostHash, port, true)) {
                return true;
            }
            hostHash = hostHash * 31 + Origins.toLower(c);
        }
        return find(origin, schemeEnd, hostStart, hostEnd, schemeHash, hostHash, port, false);
    }

    private boolean find(String origin, int schemeEnd, int hostStart, int hostEnd,
            int schemeHash, int hostHash, int port, boolean wildcard) {
        return probe(origin, schemeEnd, hostStart, hostEnd, hash(schemeHash, hostHash, port, wildcard), port, wildcard)
                || hasAnyPort && probe(origin, schemeEnd, hostStart, hostEnd,
                        hash(schemeHash, hostHash, OriginSpec.ANY_PORT, wildcard), OriginSpec.ANY_PORT, wildcard);
    }

    private boolean probe(String origin, int schemeEnd, int hostStart, int hostEnd, int hash, int port, boolean wildcard) {
        for (int slot = hash & mask; hosts[slot] != null; slot = (slot + 1) & mask) {
            if (ports[slot] == port && subdomains[slot] == wildcard
                    && equalsIgnoreCase(hosts[slot], origin, hostStart, hostEnd)
                    && equalsIgnoreCase(schemes[slot], origin, 0, schemeEnd)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreCase(String lowerCase, String s, int start, int end) {
        return lowerCase.length() == end - start && Origins.regionEqualsIgnoreCase(s, start, lowerCase);
    }

    private static int hashScheme(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = h * 31 + Origins.toLower(s.charAt(i));
        }
        return h;
    }

    /** Hashed right to left, so that every label-boundary suffix's hash falls out of one pass. */
    private static int hashHost(String s, int start, int end) {
        int h = 0;
        for (int i = end - 1; i >= start; i--) {
            h = h * 31 + Origins.toLower(s.charAt(i));
        }
        return h;
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
        int h = ((h0 * 0x9E3779B1 + h1) * 0x9E3779B1 + h2) * 0x9E3779B1 + h3;
        return h ^ (h >>> 16);
    }

    private static int hash(int schemeHash, int hostHash, int port, boolean wildcard) {
        int h = (schemeHash * 0x9E3779B1 + hostHash) * 31 + port;
        if (wildcard) {
            h = ~h;
        }
        return h ^ (h >>> 16);
    }
}
