package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.routing.Route;
import java.lang.System.Logger.Level;

/**
 * Why a request was refused (debug) or allowed (trace), through {@code System.Logger}, so that the
 * application's logging framework decides where it goes. Request values are quoted, cut short and
 * stripped of control characters, so that a hostile header cannot forge log lines.
 */
public final class DecisionLog {

    /** The logger of every line the library writes. */
    public static final String LOGGER = "io.github.jaxrscors";

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

    /** The reason a decision gives, naming the offending value; {@code method} is the requested one for a preflight. */
    public static String reason(Decision decision, String origin, String method, String requestHeaders, String contentType) {
        if (decision.allowed()) {
            return "nothing";
        }
        return switch (decision.reason(origin)) {
            case ORIGIN -> "origin " + quote(origin) + " not allowed";
            case MALFORMED_ORIGIN -> "origin " + quote(origin) + " is malformed (or repeated, or too long), so not allowed";
            case METHOD -> "method " + quote(method) + " not allowed";
            case HEADER -> decision.refusedHeader(requestHeaders) == null
                    ? "Access-Control-Request-Headers " + quote(requestHeaders) + " is not a list of header names, so not allowed"
                    : "header " + quote(decision.refusedHeader(requestHeaders)) + " not allowed";
            case CONTENT_TYPE -> "content type " + quote(contentType) + " not allowed (allow the Content-Type header to permit it)";
            case PRIVATE_NETWORK -> "private network access not allowed (allow it with allow-private-network)";
            case NOT_DEPLOYED -> "origin " + quote(origin) + " refused: CORS is not deployed (see the ERROR logged at startup)";
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
