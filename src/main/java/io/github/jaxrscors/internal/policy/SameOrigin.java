package io.github.jaxrscors.internal.policy;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a request comes from the server's own origin. A browser says so itself with
 * {@code Sec-Fetch-Site: same-origin}, which scripts cannot set and which holds behind any proxy;
 * otherwise the {@code Origin} is compared with the scheme, host and port the request was addressed
 * to, or, behind a trusted proxy, the ones the proxy reports.
 *
 * <p>It is asked only about requests the policy refuses: a client that forges the header can turn a
 * refusal into an answer without CORS headers, which a browser would not let a page read, but never
 * strip the CORS headers from an allowed origin's answer.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    private static final String SAME_ORIGIN = "same-origin";

    static <R> boolean matches(String origin, R request, Exchange<R> exchange, boolean trustForwardedHeaders) {
        if (SAME_ORIGIN.equals(exchange.header(request, CorsHeaders.SEC_FETCH_SITE))) {
            return true;
        }
        long parsed = OriginParser.parse(origin);
        if (parsed == OriginParser.MALFORMED) {
            return false;
        }
        if (trustForwardedHeaders) {
            String[] forwarded = forwardedOrigin(request, exchange);
            if (forwarded != null) {
                return matches(origin, parsed, forwarded[0], forwarded[1], forwardedPort(forwarded[2]));
            }
        }
        URI uri = exchange.requestUri(request);
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null) {
            return false;
        }
        return matches(origin, parsed, scheme, host, uri.getPort());
    }

    /** The port a proxy reported, -1 when it reported none, -2 when it reported nonsense. */
    private static int forwardedPort(String port) {
        if (port == null || port.isBlank()) {
            return -1;
        }
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /** {@code port} -1 means the scheme's default. */
    private static boolean matches(String origin, long parsed, String scheme, String host, int port) {
        int schemeEnd = OriginParser.schemeEnd(parsed);
        int hostStart = OriginParser.hostStart(parsed);
        int hostEnd = OriginParser.hostEnd(parsed);
        if (scheme.length() != schemeEnd || !origin.regionMatches(true, 0, scheme, 0, schemeEnd)
                || host.length() != hostEnd - hostStart || !origin.regionMatches(true, hostStart, host, 0, host.length())) {
            return false;
        }
        if (port < -1) {
            return false;
        }
        int ownPort = port == -1 ? OriginParser.DEFAULT_PORT : port;
        if (ownPort == OriginParser.defaultPort(scheme, 0, scheme.length())) {
            ownPort = OriginParser.DEFAULT_PORT;
        }
        return ownPort == OriginParser.port(parsed);
    }

    /** {scheme, host, port or null} from {@code Forwarded}, else {@code X-Forwarded-*}; null if neither names a host. */
    private static <R> String[] forwardedOrigin(R request, Exchange<R> exchange) {
        String forwarded = exchange.header(request, CorsHeaders.FORWARDED);
        String proto = null;
        String host = null;
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0];
            for (String pair : first.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).trim());
                if (key.equals("proto")) {
                    proto = value;
                } else if (key.equals("host")) {
                    host = value;
                }
            }
        }
        String port = null;
        if (host == null) {
            host = firstValue(exchange.header(request, CorsHeaders.X_FORWARDED_HOST));
            proto = firstValue(exchange.header(request, CorsHeaders.X_FORWARDED_PROTO));
            port = firstValue(exchange.header(request, CorsHeaders.X_FORWARDED_PORT));
        }
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (proto == null) {
            proto = exchange.requestUri(request).getScheme();
        }
        int colon = host.startsWith("[") ? host.indexOf(':', host.indexOf(']')) : host.indexOf(':');
        if (colon > 0) {
            port = host.substring(colon + 1);
            host = host.substring(0, colon);
        }
        return new String[] {proto, host, port};
    }

    private static String firstValue(String header) {
        return header == null ? null : header.split(",", 2)[0].trim();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
