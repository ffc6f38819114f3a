package io.github.jaxrscors.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.testing.LoopbackHttp;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.it.HeadlessChromium;
import io.github.jaxrscors.it.app.BearerAuthFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What headless Chromium does with the library's answers: a page served from
 * {@code http://127.0.0.1:P1} (allowed) or {@code http://127.0.0.1:P3} (not allowed) calls the API at
 * {@code http://localhost:P2} with {@code fetch}, and the script reports what it could read. The
 * server logs every request before CORS handling, so preflights can be counted.
 *
 * <p>Without Chromium these tests fail, naming what is missing: they prove what no other test can.
 */
class BrowserIT {

    private static final RequestLog log = new RequestLog();
    private static HttpServer allowedPage;
    private static HttpServer foreignPage;
    private static org.glassfish.grizzly.http.server.HttpServer apiServer;
    private static URI api;
    private static String apiBase;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        allowedPage = pageServer();
        foreignPage = pageServer();
        CorsPolicy policy = CorsPolicy.builder()
                .allowOrigin(origin(allowedPage))
                .allowOrigin(sameSiteOrigin(allowedPage))
                .allowMethod("PUT")
                .allowHeader("Content-Type")
                .allowHeader("X-Request-Id")
                .exposeHeader("X-Exposed")
                .maxAge(Duration.ofSeconds(600))
                .allowPrivateNetwork(true)
                .build();
        ResourceConfig application = new ResourceConfig(BrowserApi.class, BearerAuthFilter.class)
                .register(log)
                .register(new CorsFeature(policy));
        apiServer = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application);
        int port = apiServer.getListeners().iterator().next().getPort();
        api = URI.create("http://127.0.0.1:" + port + "/");
        apiBase = "http://localhost:" + port + "/api/";
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (apiServer != null) {
            apiServer.shutdownNow();
        }
        Stream.of(allowedPage, foreignPage).filter(s -> s != null).forEach(s -> s.stop(0));
    }

    @Test
    void simpleGetFromTheAllowedOriginIsReadable() {
        Fetched result = fetch(allowedPage, "greeting", Map.of());

        report("simple GET, allowed origin", result);
        assertThat(result.blocked()).as("blocked: %s", result.error()).isFalse();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("hello");
    }

    @Test
    void simpleGetFromADisallowedOriginIsBlocked() {
        long before = log.count("GET", "/api/greeting");

        Fetched result = fetch(foreignPage, "greeting", Map.of());

        report("simple GET, disallowed origin", result);
        assertThat(result.blocked()).as("the browser must refuse the response").isTrue();
        assertThat(log.count("GET", "/api/greeting")).as("the browser did send it").isEqualTo(before + 1);
    }

    @Test
    void preflightedPutWithJsonAndACustomHeaderSucceeds() {
        Fetched result = fetch(allowedPage, "items/1", put("X-Request-Id", "r-1"));

        report("preflighted PUT, JSON + X-Request-Id", result);
        assertThat(result.blocked()).as("blocked: %s", result.error()).isFalse();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("{\"id\":\"1\",\"stored\":{\"name\":\"widget\"}}");
        assertThat(log.count("OPTIONS", "/api/items/1")).as("preflights").isEqualTo(1);
        assertThat(log.count("PUT", "/api/items/1")).isEqualTo(1);
    }

    @Test
    void preflightedPutWithAnUnlistedHeaderFailsBeforeTheRequestIsSent() {
        Fetched result = fetch(allowedPage, "items/2", put("X-Unlisted", "r-2"));

        report("preflighted PUT, unlisted header X-Unlisted", result);
        assertThat(result.blocked()).isTrue();
        assertThat(log.count("OPTIONS", "/api/items/2")).as("preflights").isEqualTo(1);
        assertThat(log.count("PUT", "/api/items/2")).as("the PUT itself is never sent").isZero();
    }

    @Test
    void preflightedDeleteFailsBecauseTheMethodIsNotAllowed() {
        Fetched result = fetch(allowedPage, "items/3", Map.of("method", "DELETE"));

        report("preflighted DELETE, method not allowed", result);
        assertThat(result.blocked()).isTrue();
        assertThat(log.count("OPTIONS", "/api/items/3")).as("preflights").isEqualTo(1);
        assertThat(log.count("DELETE", "/api/items/3")).as("the DELETE itself is never sent").isZero();
    }

    /**
     * The page is {@code http://localhost:P1}: same site as the API, another origin. From
     * {@code 127.0.0.1} Chromium treats the API's cookie as third-party and never sends it (observed
     * even with {@code SameSite=None; Secure}), as browsers increasingly do; a same-site front end is
     * how credentialed CORS is deployed today.
     */
    @Test
    void credentialedRequestWithACookieIsReadableOnlyWhereCredentialsAreAllowed() {
        browser.get(apiBase + "login");
        assertThat(browser.manage().getCookieNamed("session")).as("cookie set on the API's origin").isNotNull();
        Map<String, Object> include = Map.of("credentials", "include");

        Fetched allowed = fetch(sameSiteOrigin(allowedPage), "me", include);
        Fetched refused = fetch(sameSiteOrigin(allowedPage), "me-without-credentials", include);

        report("credentialed GET with cookie, @Cors(allowCredentials = \"true\")", allowed);
        report("credentialed GET with cookie, credentials not allowed", refused);
        assertThat(allowed.blocked()).as("blocked: %s", allowed.error()).isFalse();
        assertThat(allowed.body()).isEqualTo("session=" + BrowserApi.SESSION);
        assertThat(refused.blocked()).as("without Access-Control-Allow-Credentials the browser hides the response").isTrue();
        assertThat(log.all()).as("the browser sent the cookie in both cases")
                .filteredOn(s -> s.path().startsWith("/api/me"))
                .extracting(RequestLog.Seen::cookie)
                .hasSize(2)
                .allMatch(cookie -> cookie != null && cookie.contains("session=" + BrowserApi.SESSION));
    }

    @Test
    void onlyExposedResponseHeadersAreReadable() {
        Fetched result = fetch(allowedPage, "greeting", Map.of(), "X-Exposed", "X-Hidden");

        report("exposed vs unexposed response header", result);
        assertThat(result.headers()).containsEntry("X-Exposed", "visible").containsEntry("X-Hidden", null);
    }

    @Test
    void maxAgeLetsTheBrowserSkipRepeatedPreflights() throws InterruptedException {
        Map<String, Object> put = put("X-Request-Id", "cache");
        for (String path : List.of("cached/long", "cached/short")) {
            assertThat(fetch(allowedPage, path, put).status()).isEqualTo(200);
            assertThat(fetch(allowedPage, path, put).status()).isEqualTo(200);
        }
        // Past the 5 s a browser caches a preflight without Access-Control-Max-Age, and past max-age 1.
        Thread.sleep(6_000);
        for (String path : List.of("cached/long", "cached/short")) {
            assertThat(fetch(allowedPage, path, put).status()).isEqualTo(200);
        }

        long longPreflights = log.count("OPTIONS", "/api/cached/long");
        long shortPreflights = log.count("OPTIONS", "/api/cached/short");
        report("Max-Age 600: preflights for 3 PUTs over 6 s", longPreflights);
        report("@Cors(maxAge = 1): preflights for 3 PUTs over 6 s", shortPreflights);
        assertThat(log.count("PUT", "/api/cached/long")).isEqualTo(3);
        assertThat(longPreflights).isEqualTo(1);
        assertThat(shortPreflights).as("expired after a second, so asked again").isBetween(2L, 3L);
    }

    @Test
    void perResourceOverrideOpensOneResourceToAnotherOrigin() {
        Fetched open = fetch(foreignPage, "open", Map.of());
        Fetched closed = fetch(foreignPage, "greeting", Map.of());

        report("@Cors(origins = \"http://127.0.0.1:*\") from the disallowed page", open);
        assertThat(open.blocked()).as("blocked: %s", open.error()).isFalse();
        assertThat(open.body()).isEqualTo("open to every port of 127.0.0.1");
        assertThat(closed.blocked()).isTrue();
    }

    @Test
    void authenticationFailureIsReadableByTheAllowedPage() {
        Fetched result = fetch(allowedPage, "secure", Map.of());

        report("GET behind the authentication filter, no token", result);
        assertThat(result.blocked()).as("a 401, not a network error: %s", result.error()).isFalse();
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.body()).isEqualTo("sign in first");
    }

    /**
     * Chromium 156 sends no {@code Access-Control-Request-Private-Network} from one loopback origin to
     * another (same address space); with the page's address declared public it refuses the request
     * before sending anything (Local Network Access needs a secure context and a permission). So the
     * test records what the browser sent, checks the answer to each such request, and checks the
     * answer to the preflight Chromium's Private Network Access would send.
     */
    @Test
    void privateNetworkPreflightsAreAnswered() {
        Fetched result = fetch(allowedPage, "items/4", put("X-Request-Id", "pna"));
        assertThat(result.blocked()).as("blocked: %s", result.error()).isFalse();

        List<RequestLog.Seen> asked = log.all().stream().filter(s -> s.privateNetwork() != null).toList();
        report("requests carrying Access-Control-Request-Private-Network", asked.size());
        List<RequestLog.Seen> preflights = Stream.concat(asked.stream(),
                Stream.of(new RequestLog.Seen("OPTIONS", "/api/items/4", origin(allowedPage), "true", null))).toList();
        for (RequestLog.Seen seen : preflights) {
            Reply answer = LoopbackHttp.plain().send("OPTIONS", api.resolve(seen.path()),
                    "Origin", seen.origin(), "Access-Control-Request-Method", "PUT",
                    "Access-Control-Request-Headers", "content-type,x-request-id",
                    "Access-Control-Request-Private-Network", seen.privateNetwork());
            assertThat(answer.status()).isEqualTo(204);
            assertThat(answer.header("Access-Control-Allow-Private-Network")).isEqualTo("true");
        }
    }

    // --- the browser and its pages

    record Fetched(boolean blocked, long status, String body, Map<String, Object> headers, String error) {
    }

    private static final String FETCH = """
            const [url, init, names, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
            fetch(url, init)
              .then(r => r.text().then(body => {
                const headers = {};
                names.forEach(n => headers[n] = r.headers.get(n));
                done({blocked: false, status: r.status, body: body, headers: headers});
              }))
              .catch(e => done({blocked: true, error: String(e)}));
            """;

    /** Runs {@code fetch(apiBase + path, init)} in a page of {@code page}'s origin. */
    private static Fetched fetch(HttpServer page, String path, Map<String, Object> init, String... readHeaders) {
        return fetch(origin(page), path, init, readHeaders);
    }

    @SuppressWarnings("unchecked")
    private static Fetched fetch(String pageOrigin, String path, Map<String, Object> init, String... readHeaders) {
        String pageUrl = pageOrigin + "/";
        if (!pageUrl.equals(browser.getCurrentUrl())) {
            browser.get(pageUrl);
        }
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeAsyncScript(FETCH, apiBase + path, init, List.of(readHeaders));
        return new Fetched((Boolean) r.get("blocked"), r.get("status") == null ? 0 : (Long) r.get("status"),
                (String) r.get("body"), r.get("headers") == null ? Map.of() : (Map<String, Object>) r.get("headers"),
                (String) r.get("error"));
    }

    private static Map<String, Object> put(String header, String value) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("method", "PUT");
        init.put("headers", Map.of("Content-Type", "application/json", header, value));
        init.put("body", "{\"name\":\"widget\"}");
        return init;
    }

    private static void report(String scenario, Object observed) {
        System.out.println("[browser] " + scenario + " -> " + observed);
    }

    private static String origin(HttpServer page) {
        return "http://127.0.0.1:" + page.getAddress().getPort();
    }

    /** The allowed page's server under the API's host name: another origin, but the same site. */
    private static String sameSiteOrigin(HttpServer page) {
        return "http://localhost:" + page.getAddress().getPort();
    }

    private static HttpServer pageServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = "<!doctype html><title>page</title><p>A page of another origin.</p>".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        server.start();
        return server;
    }
}
