package io.github.jaxrscors.internal.policy;

import java.util.Locale;
import java.util.Set;

/** RFC 9110 tokens, and the Fetch standard's lists of names a policy may not use. */
final class HttpTokens {

    /**
     * Fetch "forbidden request-header" names: a script can never set them, so allowing one is a
     * mistake (names starting {@code Proxy-} or {@code Sec-} are forbidden too).
     */
    private static final Set<String> FORBIDDEN_REQUEST_HEADERS = Set.of(
            "accept-charset", "accept-encoding", "access-control-request-headers",
            "access-control-request-method", "access-control-request-private-network", "connection",
            "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
            "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via");

    /** Fetch "forbidden response-header" names: a browser never exposes them to script. */
    private static final Set<String> FORBIDDEN_RESPONSE_HEADERS = Set.of("set-cookie", "set-cookie2");

    /** Fetch "forbidden methods": browsers refuse to send them, so allowing one is a mistake. */
    private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");

    /** Fetch normalizes these methods to upper case before sending them. */
    private static final Set<String> NORMALIZED_METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT");

    /** tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN_CHARS[c] = true;
            TOKEN_CHARS[c - 'a' + 'A'] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN_CHARS[c] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN_CHARS[c] = true;
        }
    }

    private HttpTokens() {
    }

    static boolean isToken(CharSequence s) {
        return s.length() > 0 && isToken(s, 0, s.length());
    }

    static boolean isToken(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** One table look-up: request header lists are scanned a character at a time. */
    static boolean isTokenChar(char c) {
        return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
    }

    static boolean isForbiddenRequestHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return FORBIDDEN_REQUEST_HEADERS.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-");
    }

    static boolean isForbiddenResponseHeader(String name) {
        return FORBIDDEN_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    static boolean isForbiddenMethod(String method) {
        return FORBIDDEN_METHODS.contains(method.toUpperCase(Locale.ROOT));
    }

    /** The method as a browser sends it: Fetch upper-cases DELETE, GET, HEAD, OPTIONS, POST and PUT. */
    static String normalizeMethod(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return NORMALIZED_METHODS.contains(upper) ? upper : method;
    }
}
