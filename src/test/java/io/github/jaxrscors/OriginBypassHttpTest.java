package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.internal.policy.OriginParser;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The origin-matching bugs found in other CORS libraries, tried over real HTTP against two policies:
 * an exact allow-list, and {@code https://*.example.com} with credentials. A refused origin gets 403
 * on preflight and actual request, with no {@code Access-Control-*} header and not echoed anywhere;
 * an allowed one is echoed exactly as sent.
 */
class OriginBypassHttpTest {

    @Path("r")
    public static class Resource {
        @GET
        public String get() {
            return "resource";
        }

        @PUT
        public String put() {
            return "resource";
        }
    }

    enum PolicyUnderTest {
        EXACT(CorsPolicy.builder()
                .allowOrigin("https://example.com")
                .allowOrigin("https://app.example.com:8443")
                .allowOrigin("http://192.168.1.10")
                .allowOrigin("http://[::1]:8080")
                .allowMethod("PUT")
                .build()),
        WILDCARD_WITH_CREDENTIALS(CorsPolicy.builder()
                .allowOrigin("https://*.example.com")
                .allowMethod("PUT")
                .allowCredentials(true)
                .build());

        final CorsPolicy policy;

        PolicyUnderTest(CorsPolicy policy) {
            this.policy = policy;
        }
    }

    /** An origin to send (or several, one per {@code Origin} line), and whether the policy allows it. */
    record Case(String family, PolicyUnderTest policy, List<String> originLines, boolean allowed) {
        @Override
        public String toString() {
            return policy + " " + family + " " + (allowed ? "allowed " : "refused ") + printable(originLines);
        }
    }

    private static final Map<PolicyUnderTest, TestServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        for (PolicyUnderTest p : PolicyUnderTest.values()) {
            SERVERS.put(p, TestServer.start(new ResourceConfig(Resource.class), p.policy));
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        StringBuilder summary = new StringBuilder("Origin bypass cases tried per family (each as actual GET and as preflight):");
        new TreeMap<>(TRIED).forEach((family, n) -> summary.append("\n  ").append(family).append(": ").append(n));
        System.out.println(summary);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        exactCases(cases);
        wildcardCases(cases);
        return cases.stream();
    }

    /** Characters an attacker puts between the allowed host and a domain of their own. */
    private static final String SEPARATORS = "`_!'$&()*+,;=~%{}|^\"<>\\[]@#?/:-. \t";

    private static void exactCases(List<Case> cases) {
        PolicyUnderTest p = PolicyUnderTest.EXACT;
        for (String o : List.of("https://example.com", "https://app.example.com:8443", "http://192.168.1.10",
                "http://[::1]:8080", "https://example.com:443", "http://192.168.1.10:80")) {
            cases.add(new Case("allowed", p, List.of(o), true));
        }
        for (String o : List.of("HTTPS://EXAMPLE.COM", "https://Example.Com", "HtTpS://eXaMpLe.CoM",
                "https://APP.EXAMPLE.COM:8443", "HTTP://[::1]:8080")) {
            cases.add(new Case("upper case (allowed)", p, List.of(o), true));
        }
        refused(cases, p, "arbitrary origin", "https://evil.com", "https://attacker.example.org", "https://example.org",
                "https://example.co", "https://exampl.com", "https://xample.com", "https://com", "https://localhost",
                "http://localhost:8080", "https://www.example.com", "https://app.example.com", "https://example.com.evil",
                "chrome-extension://abcdefghijklmnop", "file://", "https://evil.com:8443");
        refused(cases, p, "allowed host as prefix", "https://example.com.evil.com", "https://example.comevil.com",
                "https://example.com-evil.com", "https://example.com.evil", "https://example.community",
                "https://app.example.com.evil.com:8443", "https://app.example.com:8443.evil.com",
                "http://192.168.1.10.evil.com", "http://192.168.1.100", "http://192.168.1.1");
        refused(cases, p, "allowed host as suffix", "https://evilexample.com", "https://evil-example.com",
                "https://evil.example.com", "https://a.example.com", "https://xapp.example.com:8443",
                "https://evil.app.example.com:8443", "http://1192.168.1.10", "http://evil.192.168.1.10",
                "https://wwwexample.com", "https://example.com.example.com");
        dotReplaced(cases, p, "https://example.com", "https://app.example.com:8443", "http://192.168.1.10");
        for (char c : SEPARATORS.toCharArray()) {
            refused(cases, p, "special character before attacker suffix",
                    "https://example.com" + c + ".evil.com", "https://example.com" + c + "evil.com",
                    "https://app.example.com:8443" + c + ".evil.com");
        }
        refused(cases, p, "userinfo", "https://example.com@evil.com", "https://user@example.com",
                "https://user:pass@example.com", "https://evil.com@example.com", "https://example.com:443@evil.com",
                "https://@example.com", "https://evil.com#@example.com", "https://example.com%40evil.com",
                "https://app.example.com:8443@evil.com");
        refused(cases, p, "trailing slash, path, query, fragment", "https://example.com/", "https://example.com/path",
                "https://example.com?", "https://example.com?q=1", "https://example.com#", "https://example.com#f",
                "https://example.com/.evil.com", "https://example.com?.evil.com", "https://example.com#.evil.com",
                "https://example.com:443/", "https://app.example.com:8443/", "https://example.com//",
                "https://example.com\\", "https://example.com;", "https://example.com/../");
        refused(cases, p, "percent-encoding", "https://example%2Ecom", "https://example%2ecom", "https://%65xample.com",
                "https://example.com%00", "https://example.com%2F", "https%3A%2F%2Fexample.com",
                "https://example.com%2Eevil.com", "https://app.example.com%3A8443", "https://example.com%3a443");
        refused(cases, p, "other scheme", "http://example.com", "ws://example.com", "wss://example.com",
                "ftp://example.com", "httpss://example.com", "file://example.com", "https:example.com",
                "https:/example.com", "https:///example.com", "//example.com", "example.com", "://example.com",
                "http://app.example.com:8443", "https://192.168.1.10", "https://[::1]:8080", "https+evil://example.com",
                "data://example.com", "javascript://example.com");
        refused(cases, p, "other port", "https://example.com:80", "https://example.com:8443", "https://example.com:444",
                "https://example.com:0", "https://example.com:65536", "https://example.com:99999", "https://example.com:",
                "https://example.com:0443", "https://example.com:-443", "https://example.com:+443",
                "https://example.com:443443", "https://example.com:443:443", "https://app.example.com",
                "https://app.example.com:443", "https://app.example.com:8444", "https://app.example.com:08443",
                "http://192.168.1.10:8080", "http://[::1]", "http://[::1]:8081", "http://[::1]:80",
                "https://example.com:4294967739", "https://example.com:*");
        refused(cases, p, "IP-literal variant", "http://3232235786", "http://0xC0A8010A", "http://0300.0250.01.012",
                "http://192.168.1.010", "http://192.168.01.10", "http://192.168.266", "http://[::ffff:192.168.1.10]",
                "http://[::ffff:c0a8:10a]", "http://[0:0:0:0:0:0:0:1]:8080", "http://[::0001]:8080", "http://[::1:8080]",
                "http://[::1]]:8080", "http://[[::1]]:8080", "http://[::1]evil.com:8080", "http://::1:8080",
                "http://[::1%25eth0]:8080", "http://[::1]:8080.evil.com", "http://192.168.1.10.",
                "http://[]:8080", "http://[:8080");
        refused(cases, p, "trailing dot", "https://example.com.", "https://example.com..", "https://example.com.:443",
                "https://app.example.com.:8443", "https://.example.com", "https://..example.com", "https://example..com",
                ".https://example.com");
        nullEmptyLong(cases, p, "https://example.com");
        twoLines(cases, p, "https://example.com");
        refused(cases, p, "non-ASCII and control characters", "https://éxample.com", "https://exаmple.com",
                "https://example.com\u00a0", "https://exam\u0000ple.com", "https://example.com\u007f",
                "https://example.com\u0001");
    }

    private static void wildcardCases(List<Case> cases) {
        PolicyUnderTest p = PolicyUnderTest.WILDCARD_WITH_CREDENTIALS;
        for (String o : List.of("https://a.example.com", "https://www.example.com", "https://a.b.c.example.com",
                "https://a-b.example.com", "https://a_b.example.com", "https://1.example.com",
                "https://evil.com.example.com", "https://xn--bcher-kva.example.com", "https://a.example.com:443",
                "https://" + "a".repeat(63) + ".example.com")) {
            cases.add(new Case("allowed", p, List.of(o), true));
        }
        for (String o : List.of("HTTPS://A.EXAMPLE.COM", "https://Www.Example.Com", "https://a.EXAMPLE.com")) {
            cases.add(new Case("upper case (allowed)", p, List.of(o), true));
        }
        refused(cases, p, "arbitrary origin", "https://evil.com", "https://example.org", "https://a.example.org",
                "https://com", "https://example", "https://localhost", "https://a.examp1e.com", "https://a.exampIe.com");
        refused(cases, p, "apex of the wildcard", "https://example.com", "https://EXAMPLE.COM", "https://example.com:443");
        refused(cases, p, "allowed host as prefix", "https://a.example.com.evil.com", "https://a.example.comevil.com",
                "https://a.example.com-evil.com", "https://a.example.com.evil", "https://a.example.community",
                "https://example.com.evil.com");
        refused(cases, p, "allowed host as suffix", "https://evilexample.com", "https://aexample.com",
                "https://a-example.com", "https://a_example.com", "https://a.evilexample.com", "https://a.b-example.com",
                "https://xexample.com");
        dotReplaced(cases, p, "https://a.example.com");
        for (char c : SEPARATORS.toCharArray()) {
            refused(cases, p, "special character before attacker suffix",
                    "https://a.example.com" + c + ".evil.com", "https://a.example.com" + c + "evil.com");
        }
        refused(cases, p, "userinfo", "https://a.example.com@evil.com", "https://evil.com@a.example.com",
                "https://user:pass@a.example.com", "https://a.example.com:443@evil.com", "https://a.example.com%40evil.com");
        refused(cases, p, "trailing slash, path, query, fragment", "https://a.example.com/", "https://a.example.com/x",
                "https://a.example.com?x", "https://a.example.com#x", "https://evil.com/.example.com",
                "https://evil.com?.example.com", "https://evil.com#.example.com", "https://evil.com\\.example.com");
        refused(cases, p, "percent-encoding", "https://a%2Eexample.com", "https://a.example%2Ecom",
                "https://evil.com%2F.example.com", "https://evil.com%23.example.com", "https://%2A.example.com");
        refused(cases, p, "other scheme", "http://a.example.com", "wss://a.example.com", "ws://a.example.com",
                "HTTP://A.EXAMPLE.COM", "https:a.example.com", "a.example.com", "httpsx://a.example.com");
        refused(cases, p, "other port", "https://a.example.com:8443", "https://a.example.com:80",
                "https://a.example.com:0", "https://a.example.com:65536", "https://a.example.com:",
                "https://a.example.com:*");
        refused(cases, p, "IP-literal variant", "https://93.184.216.34", "https://[::1]", "https://[::1].example.com",
                "https://127.0.0.1", "https://0x7f000001", "https://2130706433");
        refused(cases, p, "trailing dot", "https://a.example.com.", "https://example.com.", "https://.example.com",
                "https://a..example.com", "https://..example.com", "https://a.example.com..");
        refused(cases, p, "wildcard sent literally", "https://*.example.com", "https://*", "*", "https://%.example.com");
        nullEmptyLong(cases, p, "https://a.example.com");
        twoLines(cases, p, "https://a.example.com");
    }

    private static void dotReplaced(List<Case> cases, PolicyUnderTest p, String... allowed) {
        for (String origin : allowed) {
            int hostStart = origin.indexOf("://") + 3;
            for (int i = hostStart; i < origin.length(); i++) {
                if (origin.charAt(i) != '.') {
                    continue;
                }
                for (char c : "x-_0A".toCharArray()) {
                    refused(cases, p, "dot replaced", origin.substring(0, i) + c + origin.substring(i + 1));
                }
                refused(cases, p, "dot replaced", origin.substring(0, i) + origin.substring(i + 1));
            }
        }
    }

    private static void nullEmptyLong(List<Case> cases, PolicyUnderTest p, String allowed) {
        refused(cases, p, "null", "null", "NULL", "Null", "null, " + allowed, allowed + " null", "null null");
        refused(cases, p, "empty", "", " ", "\t");
        String host = allowed.substring(allowed.indexOf("://") + 3);
        refused(cases, p, "over-long",
                "https://" + "a.".repeat(256) + host,
                "https://" + "a".repeat(520) + "." + host,
                "https://" + "a".repeat(OriginParser.MAX_LENGTH - 8 - host.length()) + "." + host,
                allowed + ":" + "1".repeat(600),
                "https://" + "a.".repeat(2000) + host,
                allowed + "/" + "a".repeat(4000));
    }

    private static void twoLines(List<Case> cases, PolicyUnderTest p, String allowed) {
        String evil = "https://evil.com";
        for (List<String> lines : List.of(List.of(allowed, allowed), List.of(evil, allowed), List.of(allowed, evil),
                List.of(allowed, ""), List.of("", allowed), List.of(allowed, "null"), List.of(allowed, allowed, allowed))) {
            cases.add(new Case("two Origin lines", p, lines, false));
        }
        refused(cases, p, "two origins in one line", allowed + "," + allowed, allowed + ", " + evil,
                evil + ", " + allowed, allowed + " " + evil, evil + " " + allowed);
    }

    private static void refused(List<Case> cases, PolicyUnderTest p, String family, String... origins) {
        for (String origin : origins) {
            cases.add(new Case(family, p, List.of(origin), false));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void originIsEchoedOnlyWhenAllowed(Case c) {
        TRIED.computeIfAbsent(c.policy + " / " + c.family, k -> new AtomicInteger()).incrementAndGet();
        TestServer server = SERVERS.get(c.policy);
        List<String> origins = c.originLines.stream().map(o -> "Origin: " + o).toList();

        Reply actual = server.sendLines("GET", "/r", origins);
        List<String> preflightLines = new ArrayList<>(origins);
        preflightLines.add("Access-Control-Request-Method: PUT");
        Reply preflight = server.sendLines("OPTIONS", "/r", preflightLines);

        if (c.allowed) {
            String sent = c.originLines.get(0);
            assertThat(actual.status()).as(actual.raw()).isEqualTo(200);
            assertThat(actual.body()).isEqualTo("resource");
            assertThat(actual.header("Access-Control-Allow-Origin")).as(actual.raw()).isEqualTo(sent);
            assertThat(preflight.status()).as(preflight.raw()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).as(preflight.raw()).isEqualTo(sent);
            String credentials = c.policy.policy.allowCredentials() ? "true" : null;
            assertThat(actual.header("Access-Control-Allow-Credentials")).isEqualTo(credentials);
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo(credentials);
            return;
        }
        for (Reply response : List.of(actual, preflight)) {
            assertThat(response.status()).as(response.raw()).isEqualTo(403);
            assertThat(response.corsHeaders()).as(response.raw()).isEmpty();
            assertThat(response.body()).doesNotContain("resource");
            for (String origin : c.originLines) {
                String trimmed = origin.strip();
                if (trimmed.length() > 4) {
                    assertThat(response.raw()).as("origin echoed in a header or the body").doesNotContain(trimmed);
                }
            }
            assertThat(String.join(",", response.all("Vary"))).contains("Origin");
        }
    }

    private static String printable(List<String> lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            if (s.length() > 0) {
                s.append(" + ");
            }
            String shown = line.length() > 60 ? line.substring(0, 40) + "…(" + line.length() + " chars)" : line;
            s.append('\'');
            shown.chars().forEach(ch -> s.append(ch < 0x20 || ch == 0x7f ? String.format("\\x%02x", ch) : String.valueOf((char) ch)));
            s.append('\'');
        }
        return s.toString();
    }
}
