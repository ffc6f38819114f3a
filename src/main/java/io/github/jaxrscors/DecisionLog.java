package io.github.jaxrscors;

import java.lang.System.Logger.Level;

/**
 * Why a request was refused (debug) or allowed (trace), through {@code System.Logger}, so that the
 * application's logging framework decides where it goes. Request values are quoted, cut short and
 * stripped of control characters, so that a hostile header cannot forge log lines.
 */
final class DecisionLog {

    static final String LOGGER = "io.github.jaxrscors";

    static final String PREFLIGHT = "preflight";
    static final String REQUEST = "request";

    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final int MAX_QUOTED = 120;

    private DecisionLog() {
    }

    static boolean rejectionsLogged() {
        return LOG.isLoggable(Level.DEBUG);
    }

    static boolean allowancesLogged() {
        return LOG.isLoggable(Level.TRACE);
    }

    static void rejected(String what, String reason, Route route, String where) {
        LOG.log(Level.DEBUG, what + " rejected: " + reason + " by policy '" + route.policyName() + "' for " + where);
    }

    static void allowed(String what, String origin, Route route, String where) {
        LOG.log(Level.TRACE, what + " allowed: origin " + quote(origin) + " by policy '" + route.policyName() + "' for " + where);
    }

    /** The reason a verdict gives, naming the offending value. */
    static String reason(CompiledPolicy.Verdict verdict, CompiledPolicy policy, String origin, String method,
            String requestHeaders, String contentType) {
        return switch (verdict) {
            case ALLOWED, ALLOWED_ECHOING_HEADERS -> "nothing";
            case ORIGIN_NOT_ALLOWED -> OriginParser.parse(origin) == OriginParser.MALFORMED
                    ? "origin " + quote(origin) + " is malformed (or repeated, or too long), so not allowed"
                    : "origin " + quote(origin) + " not allowed";
            case METHOD_NOT_ALLOWED -> "method " + quote(method) + " not allowed";
            case HEADERS_MALFORMED -> "Access-Control-Request-Headers " + quote(requestHeaders) + " is not a list of header names, so not allowed";
            case HEADER_NOT_ALLOWED -> "header " + quote(policy.firstRefusedHeader(requestHeaders)) + " not allowed";
            case CONTENT_TYPE_NOT_ALLOWED -> "content type " + quote(contentType)
                    + " not allowed (allow the Content-Type header to permit it)";
        };
    }

    static String quote(String value) {
        return value == null ? "(none)" : "'" + sanitize(value) + "'";
    }

    /** At most {@value #MAX_QUOTED} printable ASCII characters: control characters become '?'. */
    static String sanitize(String value) {
        StringBuilder clean = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 16);
        for (int i = 0; i < value.length() && i < MAX_QUOTED; i++) {
            char c = value.charAt(i);
            clean.append(c < 0x20 || c >= 0x7F ? '?' : c);
        }
        if (value.length() > MAX_QUOTED) {
            clean.append("…(").append(value.length()).append(" chars)");
        }
        return clean.toString();
    }
}
