package io.github.jaxrscors;

import static io.github.jaxrscors.KtorApps.PREFLIGHT_VARY;
import static io.github.jaxrscors.KtorApps.get;
import static io.github.jaxrscors.KtorApps.otherPort;
import static io.github.jaxrscors.KtorApps.preflight;
import static io.github.jaxrscors.KtorApps.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Ktor 1.6.4's own CORS tests ({@code ktor-server-tests/jvm/test/io/ktor/tests/server/features/CORSTest.kt}),
 * one test here for each of Ktor's and named after it: the same configuration through the builder's
 * Ktor-style methods, the same requests, over real HTTP. Where this library answers otherwise on
 * purpose, the test asserts this library's answer and its comment says what Ktor answered;
 * docs/migrating-from-ktor.md lists every such difference.
 *
 * <p>Ktor answers an allowed preflight with 200, this library with 204 ({@code preflightStatus(200)}
 * gives Ktor's).
 */
class KtorCorsTest {

    private static final KtorApps APPS = new KtorApps();

    /** Ktor's {@code anyHost(); allowCredentials = true} is refused: any site could read users' data. */
    private static final String STAR_WITH_CREDENTIALS = "allowAnyOrigin: '*' cannot be combined with credentials "
            + "(allowCredentials = true): any site could read your users' data. List the origins explicitly, "
            + "or use a '*.' pattern such as 'https://*.example.com'";

    @AfterAll
    static void stop() {
        APPS.close();
    }

    private static CorsPolicy.Builder anyHostWithCredentials() {
        return CorsPolicy.builder().allowAnyOrigin().allowCredentials(true);
    }

    /** What a user of that refused configuration writes instead: the origins, listed. */
    private static CorsPolicy.Builder listedWithCredentials() {
        return CorsPolicy.builder().allowHost("my-host", List.of("https")).allowCredentials(true);
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
    void testSimpleRequest() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host"));

        Reply allowed = get(app, "http://my-host");
        Reply other = get(app, "http://other-host");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host");
        assertThat(allowed.body()).isEqualTo("OK");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).isEmpty();
        // Ktor: "Origin". A refusal is lifted for a request whose Sec-Fetch-Site says same-origin.
        assertThat(other.elements("Vary")).containsExactly("Origin", "Sec-Fetch-Site");
    }

    @Test
    void testSimpleRequestPort1() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host"));

        Reply defaultPort = get(app, "http://my-host:80");
        Reply otherPort = get(app, "http://my-host:90");

        assertThat(defaultPort.status()).isEqualTo(200);
        assertThat(defaultPort.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host:80");
        assertThat(defaultPort.body()).isEqualTo("OK");
        assertThat(defaultPort.header("Vary")).isEqualTo("Origin");
        assertThat(otherPort.status()).isEqualTo(403);
        assertThat(otherPort.body()).isEmpty();
    }

    @Test
    void testSimpleRequestPort2() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host:80"));

        Reply withoutPort = get(app, "http://my-host");
        Reply withPort = get(app, "http://my-host:80");

        assertThat(withoutPort.status()).isEqualTo(200);
        assertThat(withoutPort.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host");
        assertThat(withoutPort.body()).isEqualTo("OK");
        assertThat(withPort.status()).isEqualTo(200);
        assertThat(withPort.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host:80");
        assertThat(withPort.body()).isEqualTo("OK");
    }

    @Test
    void testSimpleRequestExposed() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host").exposeHeader("ETag").exposeHeader("Vary"));

        Reply reply = get(app, "http://my-host");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host");
        assertThat(reply.elements("Access-Control-Expose-Headers")).containsExactlyInAnyOrder("ETag", "Vary");
        assertThat(reply.body()).isEqualTo("OK");
    }

    @Test
    void testSimpleRequestHttps() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host", List.of("http", "https")));

        Reply http = get(app, "http://my-host");
        Reply https = get(app, "https://my-host");
        Reply other = get(app, "http://other-host");

        assertThat(http.status()).isEqualTo(200);
        assertThat(http.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host");
        assertThat(http.body()).isEqualTo("OK");
        assertThat(https.status()).isEqualTo(200);
        assertThat(https.header("Access-Control-Allow-Origin")).isEqualTo("https://my-host");
        assertThat(https.body()).isEqualTo("OK");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).isEmpty();
    }

    @Test
    void testSimpleRequestSubDomains() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host", List.of("http", "https"), List.of("www")));

        Reply host = get(app, "http://my-host");
        Reply www = get(app, "http://www.my-host");
        Reply other = get(app, "http://other.my-host");

        assertThat(host.status()).isEqualTo(200);
        assertThat(host.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host");
        assertThat(host.body()).isEqualTo("OK");
        assertThat(www.status()).isEqualTo(200);
        assertThat(www.header("Access-Control-Allow-Origin")).isEqualTo("http://www.my-host");
        assertThat(www.body()).isEqualTo("OK");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).isEmpty();
    }

    @Test
    void testSimpleStar() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin());

        Reply reply = get(app, "http://my-host");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(reply.all("Vary")).isEmpty();
        assertThat(reply.body()).isEqualTo("OK");
    }

    @Test
    void testSimpleStarCredentials() {
        // Ktor echoes every origin with credentials; here that configuration does not start.
        assertThat(problems(anyHostWithCredentials())).containsExactly(STAR_WITH_CREDENTIALS);
        TestServer app = APPS.root(listedWithCredentials());

        Reply reply = get(app, "https://my-host");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("https://my-host");
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(reply.header("Vary")).isEqualTo("Origin");
        assertThat(reply.body()).isEqualTo("OK");
    }

    @Test
    void testSimpleNull() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin());

        Reply reply = get(app, "null");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(reply.body()).isEqualTo("OK");
    }

    @Test
    void testSimpleNullAllowCredentials() {
        // Ktor answers "Access-Control-Allow-Origin: null" with credentials, which any sandboxed page
        // can claim. Here neither '*' with credentials nor a listed "null" is accepted.
        assertThat(problems(anyHostWithCredentials())).containsExactly(STAR_WITH_CREDENTIALS);
        assertThat(problems(CorsPolicy.builder().allowOrigin("null").allowCredentials(true))).containsExactly(
                "allowOrigin: 'null' cannot be allowed: sandboxed pages, local files and redirects all send 'null', "
                        + "so anyone can; allow the real origins instead");
        TestServer app = APPS.root(listedWithCredentials());

        Reply reply = get(app, "null");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
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
    void testSameOriginDisabled() {
        TestServer app = APPS.root(CorsPolicy.builder().allowSameOrigin(false));

        assertThat(get(app, app.ownOrigin()).status()).isEqualTo(403);
        assertThat(get(app, "http://localhost:" + otherPort(app)).status()).isEqualTo(403);
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

    @Test
    void testNonSimpleContentTypeNotAllowedByDefault() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin());

        Reply json = app.sendWithBody("POST", "/", "", "Origin", "http://my-host", "Content-Type", "application/json");
        Reply text = app.sendWithBody("POST", "/", "", "Origin", "http://my-host", "Content-Type", "text/plain");
        Reply textUtf8 = app.sendWithBody("POST", "/", "", "Origin", "http://my-host",
                "Content-Type", "text/plain;charset=utf-8");

        assertThat(json.status()).isEqualTo(403);
        assertThat(text.status()).isEqualTo(200);
        assertThat(textUtf8.status()).isEqualTo(200);
    }

    @Test
    void testPreFlightMultipleHeadersRegression() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeader("Range"));

        Reply reply = preflight(app, "/", "http://my-host", "GET", "Accept,Content-Type");

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void testPreFlight() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeader("Range"));

        Reply get = preflight(app, "/", "http://my-host", "GET");
        Reply put = preflight(app, "/", "http://my-host", "PUT");
        Reply accept = preflight(app, "/", "http://my-host", "GET", "Accept");
        Reply contentType = preflight(app, "/", "http://my-host", "GET", "Content-Type");
        Reply alpn = preflight(app, "/", "http://my-host", "GET", "ALPN");
        Reply range = preflight(app, "/", "http://my-host", "GET", "Range");

        assertThat(get.status()).isEqualTo(204);
        assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("*");
        // Ktor: no Vary under anyHost(). A preflight's answer depends on its Origin and on what it asks for.
        assertThat(get.elements("Vary")).containsExactlyElementsOf(PREFLIGHT_VARY);
        assertThat(put.status()).isEqualTo(403);
        assertThat(accept.status()).isEqualTo(204);
        assertThat(accept.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(accept.elements("Access-Control-Allow-Headers")).isNotEmpty();
        assertThat(contentType.status()).isEqualTo(403);
        assertThat(alpn.status()).isEqualTo(403);
        assertThat(range.status()).isEqualTo(204);
        assertThat(range.header("Access-Control-Allow-Origin")).isEqualTo("*");
        // Ktor: "Range" as configured. Header names are sent in lower case, as HTTP/2 sends them.
        assertThat(range.elements("Access-Control-Allow-Headers")).contains("range");
    }

    @Test
    void testPreFlightCustomMethod() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowMethod("DELETE"));

        Reply delete = preflight(app, "/", "http://my-host", "DELETE");
        Reply put = preflight(app, "/", "http://my-host", "PUT");
        Reply get = preflight(app, "/", "http://my-host", "GET");

        assertThat(delete.status()).isEqualTo(204);
        assertThat(delete.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.header("Access-Control-Allow-Origin")).isNull();
        assertThat(get.status()).isEqualTo(204);
        assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void testPreFlightAllowedContentTypes() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowNonSimpleContentTypes(true));

        Reply nothingRequested = preflight(app, "/", "http://my-host", "GET");
        Reply contentType = preflight(app, "/", "http://my-host", "GET", "content-type");

        assertThat(nothingRequested.status()).isEqualTo(204);
        assertThat(nothingRequested.header("Access-Control-Allow-Origin")).isEqualTo("*");
        // Ktor: "Content-Type". A preflight that asks for no header is told of none.
        assertThat(nothingRequested.all("Access-Control-Allow-Headers")).isEmpty();
        assertThat(contentType.status()).isEqualTo(204);
        assertThat(contentType.header("Access-Control-Allow-Origin")).isEqualTo("*");
        // Ktor: "Content-Type". Here every header allowed by name, in lower case.
        assertThat(contentType.header("Access-Control-Allow-Headers"))
                .isEqualTo("accept, accept-language, content-language, content-type");
    }

    @Test
    void testPreflightCustomHost() {
        TestServer app = APPS.root(CorsPolicy.builder().allowHost("my-host").allowNonSimpleContentTypes(true));

        Reply reply = preflight(app, "/", "http://my-host", "GET");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("http://my-host");
        // Ktor: "Content-Type" although no header was requested.
        assertThat(reply.all("Access-Control-Allow-Headers")).isEmpty();
        // Ktor: "Origin" only.
        assertThat(reply.elements("Vary")).containsExactlyElementsOf(PREFLIGHT_VARY);
    }

    @Test
    void testPreflightCustomMaxAge() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().maxAge(Duration.ofSeconds(100)));

        Reply reply = preflight(app, "/", "http://host", "GET");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("100");
    }

    @Test
    void testAnyHeaderWithPrefix() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeadersPrefixed("custom-"));

        Reply reply = preflight(app, "/", "http://host", "GET", "custom-header1, custom-header2");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("custom-header1, custom-header2");
    }

    @Test
    void testAnyHeaderWithPrefixMergesHeadersWithConfiguration() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeadersPrefixed("custom-").allowHeader("Range"));

        Reply reply = preflight(app, "/", "http://host", "GET", "custom-header1, custom-header2");

        assertThat(reply.status()).isEqualTo(204);
        // Ktor: "Range, custom-header1, custom-header2". Here only what was requested is echoed.
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("custom-header1, custom-header2");
    }

    @Test
    void testAnyHeaderWithPrefixWithNoControlRequestHeaders() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeadersPrefixed("custom-").allowHeader("Range"));

        Reply reply = preflight(app, "/", "http://host", "GET");

        assertThat(reply.status()).isEqualTo(204);
        // Ktor: "Range".
        assertThat(reply.all("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void testAnyHeaderWithPrefixRequestIsRejectedWhenHeaderDoesNotMatchPrefix() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeadersPrefixed("custom-"));

        Reply reply = preflight(app, "/", "http://host", "GET", "x-header1");

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void testAnyHeaderSupportsMultipleHeaderPrefixes() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeadersPrefixed("custom1-")
                .allowHeadersPrefixed("custom2-"));

        Reply reply = preflight(app, "/", "http://host", "GET", "custom1-header, custom2-header");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("custom1-header, custom2-header");
    }

    @Test
    void testAnyHeaderCanSpecifyACustomPredicate() {
        TestServer app = APPS.root(CorsPolicy.builder().allowAnyOrigin().allowHeaders(name -> name.startsWith("custom-matcher")));

        Reply reply = preflight(app, "/", "http://host", "GET", "custom-matcher-header");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("custom-matcher-header");
    }
}
