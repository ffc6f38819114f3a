package io.github.jaxrscors;

import static io.github.jaxrscors.KtorApps.STAR_WITH_CREDENTIALS;
import static io.github.jaxrscors.KtorApps.anyHostWithCredentials;
import static io.github.jaxrscors.KtorApps.assertAllowed;
import static io.github.jaxrscors.KtorApps.assertForbidden;
import static io.github.jaxrscors.KtorApps.get;
import static io.github.jaxrscors.KtorApps.listedWithCredentials;
import static io.github.jaxrscors.KtorApps.otherPort;
import static io.github.jaxrscors.KtorApps.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Ktor 1.6.4's own CORS tests ({@code ktor-server-tests/jvm/test/io/ktor/tests/server/features/CORSTest.kt})
 * whose Ktor 3.x namesakes ask something else, one test here for each of Ktor's and named after it:
 * the same configuration through the builder's Ktor-style methods, the same requests, over real
 * HTTP. Where this library answers otherwise on purpose, the test asserts this library's answer and
 * its comment says what Ktor answered; docs/migrating-from-ktor.md lists every such difference.
 *
 * <p>Ktor 1.6.4's other 23 tests translate to exactly the Ktor 3.x test of the same name, so their one
 * translation runs in {@link Ktor3CorsTest}: {@code testAnyHeaderCanSpecifyACustomPredicate},
 * {@code testAnyHeaderSupportsMultipleHeaderPrefixes}, {@code testAnyHeaderWithPrefix},
 * {@code testAnyHeaderWithPrefixMergesHeadersWithConfiguration},
 * {@code testAnyHeaderWithPrefixRequestIsRejectedWhenHeaderDoesNotMatchPrefix},
 * {@code testAnyHeaderWithPrefixWithNoControlRequestHeaders}, {@code testNonSimpleContentTypeNotAllowedByDefault},
 * {@code testPreFlight}, {@code testPreFlightAllowedContentTypes}, {@code testPreFlightCustomMethod},
 * {@code testPreFlightMultipleHeadersRegression}, {@code testPreflightCustomHost},
 * {@code testPreflightCustomMaxAge}, {@code testSameOriginDisabled}, {@code testSimpleNull},
 * {@code testSimpleNullAllowCredentials}, {@code testSimpleRequest}, {@code testSimpleRequestExposed},
 * {@code testSimpleRequestPort1}, {@code testSimpleRequestPort2}, {@code testSimpleRequestSubDomains},
 * {@code testSimpleStar} and {@code testSimpleStarCredentials}.
 *
 * <p>Ktor answers an allowed preflight with 200, this library with 204 ({@code preflightStatus(200)}
 * gives Ktor's).
 */
class KtorCorsTest {

    private static final KtorApps APPS = new KtorApps();

    @AfterAll
    static void stop() {
        APPS.close();
    }

    @Test
    void testNoOriginHeader() {
        assertThat(problems(anyHostWithCredentials())).containsExactly(STAR_WITH_CREDENTIALS);
        TestServer app = APPS.root(listedWithCredentials());

        Reply reply = app.send("GET", "/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.body()).isEqualTo("OK");
        // The answer depends on the origin, so a shared cache must key it by Origin (Ktor says so too).
        assertThat(reply.header("Vary")).isEqualTo("Origin");
    }

    @Test
    void testWrongOriginHeader() {
        assertThat(problems(anyHostWithCredentials())).containsExactly(STAR_WITH_CREDENTIALS);
        TestServer app = APPS.root(listedWithCredentials());

        Reply reply = get(app, "invalid-host");

        // Ktor: 200 "OK" without CORS headers. Here a malformed Origin is refused like a disallowed one.
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void testWrongOriginHeaderIsEmpty() {
        assertThat(problems(anyHostWithCredentials())).containsExactly(STAR_WITH_CREDENTIALS);
        TestServer app = APPS.root(listedWithCredentials());

        Reply reply = get(app, "");

        // Ktor: 200 "OK" without CORS headers. An empty Origin is malformed, so refused.
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void testSimpleRequestHttps() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host", List.of("http", "https")));

        Reply http = get(app, "http://my-host");
        Reply https = get(app, "https://my-host");
        Reply other = get(app, "http://other-host");

        assertAllowed(http, "http://my-host");
        assertAllowed(https, "https://my-host");
        assertForbidden(other);
    }

    @Test
    void testSameOriginEnabled() {
        TestServer app = APPS.root(CorsPolicy.builder());

        Reply get = get(app, app.ownOrigin());
        Reply delete = app.send("DELETE", "/", "Origin", app.ownOrigin());
        Reply otherPort = get(app, "http://localhost:" + otherPort(app));

        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Access-Control-Allow-Origin")).isNull();
        assertThat(get.body()).isEqualTo("OK");
        assertThat(delete.status()).isEqualTo(200);
        assertThat(delete.header("Access-Control-Allow-Origin")).isNull();
        assertThat(delete.body()).isEqualTo("OK");
        assertThat(otherPort.status()).isEqualTo(403);
    }

    @Test
    void testMultipleDomainsOriginNotSupported() {
        assertThat(problems(anyHostWithCredentials())).containsExactly(STAR_WITH_CREDENTIALS);
        TestServer app = APPS.root(listedWithCredentials());

        Reply reply = get(app, "http://host1 http://host2");

        // Ktor: 200 "OK" without CORS headers. A list of origins is a malformed Origin: refused.
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
    }
}
