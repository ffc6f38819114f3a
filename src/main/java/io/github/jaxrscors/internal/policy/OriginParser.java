package io.github.jaxrscors.internal.policy;

/**
 * Parses a request's {@code Origin} header without allocating: the Fetch standard serializes an
 * origin as {@code scheme "://" host [ ":" port ]}, and anything else a client sends is malformed.
 *
 * <p>A parse packs three positions into one {@code long} (scheme end, host end, port); the
 * accessors below unpack it. This is the bottom layer of origin matching: it knows the grammar and
 * nothing of policies.
 */
public final class OriginParser {

    /** Longer than any origin a browser sends (a 253-character host, a scheme and a port). */
    public static final int MAX_LENGTH = 512;

    static final long MALFORMED = -1L;

    /** Port value meaning "the scheme's default port" (the origin names none, or names the default). */
    static final int DEFAULT_PORT = 0;

    private OriginParser() {
    }

    /**
     * Parses a serialized origin: a scheme of letters, digits, '+', '-' or '.'; then "://"; then a
     * host of letters, digits, '-', '_' and non-empty dot-separated labels, or a bracketed IPv6
     * literal; then optionally ':' and a port 1-65535 without leading zeros. Path, query, fragment,
     * user info, whitespace, percent-encoding and any other byte make it malformed.
     */
    static long parse(String origin) {
        int length = origin.length();
        if (length == 0 || length > MAX_LENGTH) {
            return MALFORMED;
        }
        int schemeEnd = parseScheme(origin, length);
        if (schemeEnd < 0) {
            return MALFORMED;
        }
        int hostStart = schemeEnd + 3;
        int hostEnd = parseHost(origin, hostStart, length);
        if (hostEnd < 0) {
            return MALFORMED;
        }
        int port = DEFAULT_PORT;
        if (hostEnd < length) {
            port = parsePort(origin, hostEnd + 1, length);
            if (port < 0) {
                return MALFORMED;
            }
            if (port == defaultPort(origin, 0, schemeEnd)) {
                port = DEFAULT_PORT;
            }
        }
        return schemeEnd | ((long) hostEnd << 16) | ((long) port << 32);
    }

    static int schemeEnd(long parsed) {
        return (int) (parsed & 0xFFFF);
    }

    static int hostStart(long parsed) {
        return schemeEnd(parsed) + 3;
    }

    static int hostEnd(long parsed) {
        return (int) ((parsed >>> 16) & 0xFFFF);
    }

    /** The port, or {@link #DEFAULT_PORT} when it is the scheme's default. */
    static int port(long parsed) {
        return (int) (parsed >>> 32);
    }

    /** The default port of the scheme at {@code [start, end)}, or -1 when it has none we know of. */
    static int defaultPort(CharSequence s, int start, int end) {
        int length = end - start;
        if (length == 4 && Ascii.regionEqualsIgnoreCase(s, start, "http")
                || length == 2 && Ascii.regionEqualsIgnoreCase(s, start, "ws")) {
            return 80;
        }
        if (length == 5 && Ascii.regionEqualsIgnoreCase(s, start, "https")
                || length == 3 && Ascii.regionEqualsIgnoreCase(s, start, "wss")) {
            return 443;
        }
        return -1;
    }

    static boolean isHostChar(char c) {
        return Ascii.isAlpha(c) || Ascii.isDigit(c) || c == '-' || c == '_';
    }

    /** Returns the index of the ':' of "://", or -1. */
    private static int parseScheme(String s, int length) {
        if (!Ascii.isAlpha(s.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < length; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i + 2 < length && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/' ? i : -1;
            }
            if (!Ascii.isAlpha(c) && !Ascii.isDigit(c) && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    /** Returns the index just past the host (end of input or the port's ':'), or -1. */
    private static int parseHost(String s, int start, int length) {
        if (start >= length) {
            return -1;
        }
        if (s.charAt(start) == '[') {
            return parseIpv6(s, start, length);
        }
        boolean labelEmpty = true;
        for (int i = start; i < length; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return labelEmpty ? -1 : i;
            }
            if (c == '.') {
                if (labelEmpty) {
                    return -1;
                }
                labelEmpty = true;
            } else if (isHostChar(c)) {
                labelEmpty = false;
            } else {
                return -1;
            }
        }
        return labelEmpty ? -1 : length;
    }

    private static int parseIpv6(String s, int start, int length) {
        int digits = 0;
        for (int i = start + 1; i < length; i++) {
            char c = s.charAt(i);
            if (c == ']') {
                int end = i + 1;
                return digits > 0 && (end == length || s.charAt(end) == ':') ? end : -1;
            }
            if (!Ascii.isHexDigit(c) && c != ':' && c != '.') {
                return -1;
            }
            digits++;
        }
        return -1;
    }

    /** Returns 1-65535, or -1 for an empty, zero, zero-padded or over-large port. */
    private static int parsePort(String s, int start, int length) {
        int digits = length - start;
        if (digits < 1 || digits > 5 || s.charAt(start) == '0') {
            return -1;
        }
        int port = 0;
        for (int i = start; i < length; i++) {
            char c = s.charAt(i);
            if (!Ascii.isDigit(c)) {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }
}
