package io.github.jaxrscors;

import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static io.github.jaxrscors.testing.ItemsApps.REFUSAL_VARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.ItemsApps;
import io.github.jaxrscors.testing.ItemsApps.App;
import io.github.jaxrscors.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Same-origin requests ({@code cors.allow-same-origin}, {@code cors.trust-forwarded-headers}), over
 * real HTTP: a request the policy refuses passes untouched when its {@code Origin} is the address the
 * request reached, scheme, host and port alike, or the address a trusted proxy names, or when it says
 * {@code Sec-Fetch-Site: same-origin}; an allowed origin keeps its CORS headers whatever it says; a
 * preflight from there is left to the application; with the key off, the server's own origin is
 * checked like any other.
 *
 * <p>The same rules as Ktor's tests state them: {@code Ktor3CorsTest.SameOrigin}.
 */
class SameOriginTest {

    private static final ItemsApps APPS = new ItemsApps();

    @AfterAll
    static void stop() {
        APPS.close();
    }

    @Test
    void sameOriginPassesUntouched() {
        App app = APPS.defaultApp();
        String own = app.server().ownOrigin();
        int before = app.resourceCalls().get();

        Reply get = app.send("GET", "items", "Origin", own);
        Reply delete = app.send("DELETE", "items", "Origin", own);
        Reply json = app.server().sendWithBody("POST", "items", "{}", "Origin", own, "Content-Type", "application/json");

        assertThat(List.of(get.status(), delete.status(), json.status()))
                .as("own origin is not in the policy, DELETE and JSON are not allowed cross-origin").containsOnly(200);
        assertThat(app.resourceCalls().get() - before).isEqualTo(3);
        for (Reply reply : List.of(get, delete, json)) {
            assertThat(reply.corsHeaders()).isEmpty();
            // Varies as a refusal does, so that caches keep same-origin and cross-origin answers apart.
            assertThat(reply.elements("Vary")).containsExactlyElementsOf(REFUSAL_VARY);
        }
    }

    @Test
    void sameOriginPreflightIsLeftToTheApplication() {
        App app = APPS.defaultApp();

        Reply reply = app.send("OPTIONS", "items", "Origin", app.server().ownOrigin(), "Access-Control-Request-Method", "DELETE");

        assertThat(reply.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
        assertThat(reply.header("Allow")).contains("DELETE");
        assertThat(reply.corsHeaders()).isEmpty();
    }

    @Test
    void sameOriginMeansSameSchemeHostAndPort() {
        App app = APPS.defaultApp();
        int port = app.server().port();

        assertThat(app.send("GET", "items", "Origin", "http://localhost:" + (port == 65535 ? port - 1 : port + 1)).status()).isEqualTo(403);
        assertThat(app.send("GET", "items", "Origin", "https://localhost:" + port).status()).isEqualTo(403);
        assertThat(app.send("GET", "items", "Origin", "http://127.0.0.1:" + port).status()).isEqualTo(403);
        assertThat(app.send("GET", "items", "Origin", "HTTP://LOCALHOST:" + port).status()).isEqualTo(200);
    }

    @Test
    void sameOriginIsCheckedLikeAnyOtherWhenNotAllowed() {
        App app = APPS.app("no-same-origin", CorsPolicy.builder().allowOrigin(ORIGIN).allowSameOrigin(false).build());

        Reply reply = app.send("GET", "items", "Origin", app.server().ownOrigin());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
    }

    /* A browser says so itself: Sec-Fetch-Site, which scripts cannot set and which holds behind any proxy. */

    @Test
    void secFetchSiteSameOriginPassesARefusedRequestUntouched() {
        App app = APPS.defaultApp();
        int before = app.resourceCalls().get();

        // Behind a TLS-terminating proxy the browser's own origin is not the address the request reached.
        Reply behindProxy = app.send("GET", "items", "Origin", "https://api.example.com", "Sec-Fetch-Site", "same-origin");
        Reply method = app.send("DELETE", "items", "Origin", ORIGIN, "Sec-Fetch-Site", "same-origin");
        Reply crossSite = app.send("GET", "items", "Origin", "https://api.example.com", "Sec-Fetch-Site", "cross-site");
        Reply notAllowed = APPS.app("no-same-origin", CorsPolicy.builder().allowOrigin(ORIGIN).allowSameOrigin(false).build())
                .send("GET", "items", "Origin", "https://api.example.com", "Sec-Fetch-Site", "same-origin");

        for (Reply reply : List.of(behindProxy, method)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.corsHeaders()).isEmpty();
            assertThat(reply.elements("Vary")).containsExactlyElementsOf(REFUSAL_VARY);
        }
        assertThat(app.resourceCalls().get() - before).isEqualTo(2);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(notAllowed.status()).as("cors.allow-same-origin=false").isEqualTo(403);
    }

    @Test
    void secFetchSiteSameOriginNeverStripsTheHeadersOfAnAllowedOrigin() {
        Reply reply = APPS.defaultApp().send("GET", "items", "Origin", ORIGIN, "Sec-Fetch-Site", "same-origin");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(reply.elements("Vary")).containsExactly("Origin");
    }

    /* Behind a proxy: the address the request reached, from headers the proxy sets, only when trusted. */

    record Forwarded(String description, String origin, List<String> headers, int status) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Forwarded> forwarded() {
        return Stream.of(
                new Forwarded("Forwarded proto and host", "https://api.example.com",
                        List.of("Forwarded", "proto=https;host=api.example.com"), 200),
                new Forwarded("Forwarded with a quoted host and port", "https://api.example.com:8443",
                        List.of("Forwarded", "for=10.0.0.1;proto=https;host=\"api.example.com:8443\""), 200),
                new Forwarded("Forwarded, first proxy counts", "https://api.example.com",
                        List.of("Forwarded", "proto=https;host=api.example.com, proto=http;host=internal"), 200),
                new Forwarded("X-Forwarded-Proto and -Host", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com"), 200),
                new Forwarded("X-Forwarded-Host with port", "https://api.example.com:8443",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com:8443"), 200),
                new Forwarded("X-Forwarded-Port", "https://api.example.com:8443",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "8443"), 200),
                new Forwarded("X-Forwarded default port", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "443"), 200),
                new Forwarded("other forwarded host", "https://api.example.com",
                        List.of("Forwarded", "proto=https;host=other.example"), 403),
                new Forwarded("other forwarded scheme", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "http", "X-Forwarded-Host", "api.example.com"), 403),
                new Forwarded("other forwarded port", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "8443"), 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwarded")
    void trustedForwardedHeadersNameTheServersOwnOrigin(Forwarded row) {
        App app = APPS.app("trust-forwarded", CorsPolicy.builder().allowOrigin(ORIGIN).trustForwardedHeaders(true).build());
        List<String> headers = new ArrayList<>(List.of("Origin", row.origin()));
        headers.addAll(row.headers());

        Reply reply = app.send("GET", "items", headers.toArray(String[]::new));

        assertThat(reply.status()).isEqualTo(row.status());
        assertThat(reply.corsHeaders()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwarded")
    void forwardedHeadersAreIgnoredUnlessTrusted(Forwarded row) {
        List<String> headers = new ArrayList<>(List.of("Origin", row.origin()));
        headers.addAll(row.headers());

        Reply reply = APPS.defaultApp().send("GET", "items", headers.toArray(String[]::new));

        assertThat(reply.status()).isEqualTo(403);
    }
}
