package io.github.jaxrscors.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Requests as browsers and attackers send them to {@code InspectedApplication}, drawn from a seeded
 * {@link Random}: origins allowed by each policy, foreign and malformed; every method, lower-case and
 * unknown ones included; literal, template, regex-template and locator paths and paths nothing
 * serves; hostile {@code Access-Control-Request-Headers}, content types and {@code Sec-Fetch-Site}.
 */
final class GeneratedRequests {

    /** {@code headers} alternate name and value; a name given twice goes out on two lines. */
    record Request(String method, String path, List<String> headers) {

        String[] headerArray() {
            return headers.toArray(String[]::new);
        }

        /** The request as it went out, control characters escaped, long values cut, for a failure message. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method).append(' ').append(path);
            for (int i = 0; i < headers.size(); i += 2) {
                text.append("\n    ").append(headers.get(i)).append(": ").append(printable(headers.get(i + 1)));
            }
            return text.toString();
        }
    }

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    /** Methods no browser sends as they are written here: HTTP methods are case-sensitive. */
    private static final List<String> ODD_METHODS = List.of("get", "put", "delete", "patch", "Put", "PURGE", "FOO-BAR");
    /** What no browser asks for in {@code Access-Control-Request-Method}. */
    private static final List<String> ODD_REQUESTED_METHODS = concat(ODD_METHODS, List.of("", "CONNECT", "TRACE", "*",
            "P U T", "PUT,DELETE", "pAtCh"));

    private static final List<String> PATHS = List.of(
            "/api/orders", "/api/orders/", "/api/orders/export", "/api/orders/42", "/api/orders/abc",
            "/api/orders/42/notes", "/api/orders/42/lines", "/api/orders/42/lines/7", "/api/orders/42/lines/7/deep",
            "/api/orders;v=2/42", "/api/orders/4%2F2", "/api/orders/%34%32", "/api/orders//42",
            "/api/files/readme", "/api/files/a/b/c.txt", "/api/files/", "/api/files", "/api/files/read%20me",
            "/api/partners", "/api/partners/", "/api/partners/unknown",
            "/api/public/x", "/api/public/x/y", "/api/public", "/api/public/",
            "/api/rollout", "/api/rollout/9", "/api/rollout/9/x",
            "/api/lenient", "/api/lenient/x",
            "/api/internal", "/api/internal/x",
            "/api/tenants/acme/settings", "/api/tenants/acme/lines", "/api/tenants/acme/LINES", "/api/tenants/acme/lines/3",
            "/nowhere", "/", "/api", "/API/orders", "/api/orders/42/lines/7;m=1");

    private static final List<String> REQUEST_HEADERS = List.of(
            "content-type", "Content-Type, X-Request-Id", "x-request-id,,", ",,, x-request-id",
            "content-type \t,\tx-request-id", "content-type ,x-request-id", "x-order-key", "X-Order-Key, content-type",
            "x-partner-key, authorization", "x-partner-key, x-batch", "authorization", "x-file-one, X-FILE-two", "x-file-",
            "x-unlisted", "content-type x-request-id", "x-request-id;", "x-request-id, (bad)", "caf\u00e9",
            "", ",", ",".repeat(1500) + "x-request-id", "x-request-id, ".repeat(150) + "x-unlisted",
            IntStream.range(0, 120).mapToObj(i -> "x-file-" + i).collect(Collectors.joining(",")),
            "accept, accept-language, content-language", "x-request-id,x-request-id", "X-REQUEST-ID",
            "  content-type, x-request-id \t", "\tx-unlisted ", " content-type x-request-id ");

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "text/plain; charset=utf-8", "application/json",
            "multipart/form-data; boundary=x", "APPLICATION/X-WWW-FORM-URLENCODED", "text/plain;", "garbage",
            "application/json, text/plain", "text/plain ; charset=utf-8", "text/plainx");

    /** The origins that only the policy of the paths starting so allows. */
    private static final Map<String, String> SUITED_ORIGINS = Map.of("/api/partners", "https://partner.example",
            "/api/orders/42/lines", "https://lines.example", "/api/rollout", "https://new.example.com",
            "/api/tenants/acme/settings", "https://x.tenant.example");

    private static final List<String> FETCH_SITES = List.of("same-origin", "same-site", "cross-site", "none", "SAME-ORIGIN");

    private final Random random;
    private final List<String> allowed;
    private final List<String> foreign;
    private final List<String> malformed;
    private final String ownOrigin;

    /** {@code port}: the server's, for its own origin and for an allowed {@code http://localhost:*} one. */
    GeneratedRequests(long seed, int port) {
        random = new Random(seed);
        ownOrigin = "http://127.0.0.1:" + port;
        allowed = List.of("https://app.example.com", "https://shop.example.org", "https://a.b.example.org",
                "http://localhost:" + port, "https://partner.example", "http://localhost:8443", "https://lines.example",
                "https://new.example.com", "https://x.tenant.example", "HTTPS://APP.EXAMPLE.COM", "https://app.example.com:443",
                "https://never-consulted.example");
        foreign = List.of("https://evil.example", "https://example.org", "https://evilexample.org", "http://app.example.com",
                "https://app.example.com:8443", "https://tenant.example", "http://localhost", "https://localhost:8443");
        malformed = List.of("https://app.example.com/", "https://app.example.com, https://evil.example", "null", "NULL",
                "https://" + "a".repeat(600) + ".example.org", "https://app.example.com\u0007", "https://app\u0001.example.com",
                "https://app.\texample.com", "https://ex\u00e4mple.org", "*", "https://app.example.com:99999", "file://",
                "https://app.example.com:", "https://user@app.example.com", "https://app.example.com?x", "\u007f",
                " https://app.example.com", "https://app.example.com \t");
    }

    List<Request> take(int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next());
        }
        return requests;
    }

    private Request next() {
        String path = pick(PATHS);
        List<String> headers = new ArrayList<>();
        String suited = SUITED_ORIGINS.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        int kind = random.nextInt(100);
        String method;
        if (kind < 45) {
            method = random.nextInt(20) == 0 ? pick(List.of("options", "Options")) : "OPTIONS";
            origin(headers, suited);
            add(headers, "Access-Control-Request-Method", pick(random.nextInt(4) == 0 ? ODD_REQUESTED_METHODS : METHODS));
            if (random.nextInt(4) > 0) {
                add(headers, "Access-Control-Request-Headers", pick(REQUEST_HEADERS));
            }
            if (random.nextInt(12) == 0) {
                add(headers, "Access-Control-Request-Private-Network", pick(List.of("true", "TRUE", "false")));
            }
        } else {
            method = pick(random.nextInt(4) == 0 ? ODD_METHODS : METHODS);
            if (kind < 93) {
                origin(headers, suited);
            }
            if (random.nextBoolean()) {
                add(headers, "Content-Type", pick(CONTENT_TYPES));
            }
        }
        if (random.nextInt(3) == 0) {
            add(headers, "Sec-Fetch-Site", pick(FETCH_SITES));
        }
        return new Request(method, path, List.copyOf(headers));
    }

    /** {@code suited}: an origin that the path's own policy allows, or null. */
    private void origin(List<String> headers, String suited) {
        int which = random.nextInt(100);
        if (which < 15 && suited != null) {
            add(headers, "Origin", suited);
        } else if (which < 45) {
            add(headers, "Origin", pick(allowed));
        } else if (which < 65) {
            add(headers, "Origin", pick(foreign));
        } else if (which < 88) {
            add(headers, "Origin", pick(malformed));
        } else if (which < 94) {
            add(headers, "Origin", ownOrigin);
        } else {
            // Two lines: a browser never sends them, a proxy might join them.
            add(headers, "Origin", pick(allowed));
            add(headers, "Origin", pick(allowed));
        }
    }

    private static void add(List<String> headers, String name, String value) {
        headers.add(name);
        headers.add(value);
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    static String printable(String value) {
        StringBuilder text = new StringBuilder();
        value.chars().limit(160).forEach(c -> text.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return value.length() > 160 ? text + "…(" + value.length() + " chars)" : text.toString();
    }
}
