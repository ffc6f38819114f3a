package io.github.jaxrscors;

/**
 * The request's {@code Origin} header, parsed without allocating: the Fetch standard serializes an
 * origin as {@code scheme "://" host [ ":" port ]}, and anything else a client sends is malformed.
 *
 * <p>A parse packs three positions into one {@code long} (scheme end, host end, port) so that the
 * per-request path allocates nothing; the accessors below unpack it.
 */
final class Origins {

    /** Longer than any origin a browser sends (a 253-character host, a scheme and a port). */
    static final int MAX_LENGTH = 512;

    static final long MALFORMED = -1L;

    /** Port value meaning "the scheme's default port" (the origin names none, or names the default). */
    static final int DEFAULT_PORT = 0;

    private Origins() {
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

    /** Whether the origin ends in ":80" or ":443", a port that a canonical origin would omit. */
    static boolean endsWithDefaultPort(String origin) {
        return origin.endsWith(":80") || origin.endsWith(":443");
    }

    /** Whether the origin is spelled as browsers serialize it: lower-case scheme and host, no default port. */
    static boolean isCanonical(String origin, long parsed) {
        int hostEnd = hostEnd(parsed);
        if (hostEnd < origin.length() && port(parsed) == DEFAULT_PORT) {
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

    /** The default port of the scheme at {@code [start, end)}, or -1 when it has none we know of. */
    static int defaultPort(CharSequence s, int start, int end) {
        int length = end - start;
        if (length == 4 && regionEqualsIgnoreCase(s, start, "http")
                || length == 2 && regionEqualsIgnoreCase(s, start, "ws")) {
            return 80;
        }
        if (length == 5 && regionEqualsIgnoreCase(s, start, "https")
                || length == 3 && regionEqualsIgnoreCase(s, start, "wss")) {
            return 443;
        }
        return -1;
    }

    static boolean regionEqualsIgnoreCase(CharSequence s, int start, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if (toLower(s.charAt(start + i)) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static char toLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Returns the index of the ':' of "://", or -1. */
    private static int parseScheme(String s, int length) {
        if (!isAlpha(s.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < length; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i + 2 < length && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/' ? i : -1;
            }
            if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
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
            if (!isHexDigit(c) && c != ':' && c != '.') {
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
            if (!isDigit(c)) {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }

    static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    static boolean isHostChar(char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '_';
    }
}
