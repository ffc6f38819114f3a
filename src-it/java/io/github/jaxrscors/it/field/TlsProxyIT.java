package io.github.jaxrscors.it.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.github.jaxrscors.testing.LoopbackHttp;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.it.ForkedJvm;
import io.github.jaxrscors.it.HeadlessChromium;
import io.github.jaxrscors.it.field.app.FieldServer;
import io.github.jaxrscors.it.field.app.OrdersResource;
import io.github.jaxrscors.it.field.app.PageResource;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The site as it is deployed: nginx terminates TLS at {@code https://localhost:P} and forwards to
 * the application at {@code http://127.0.0.1:A} with the usual {@code X-Forwarded-*} headers, and
 * {@code cors.trust-forwarded-headers} keeps its default ({@code false}). The application thus
 * believes its origin is {@code http://127.0.0.1:A} while the browser's {@code Origin} says
 * {@code https://localhost:P}; with the defaults, only {@code Sec-Fetch-Site} tells it that a
 * request comes from its own page. Headless Chromium loads the page through the proxy and calls the API with {@code fetch}.
 */
class TlsProxyIT {

    private static final String PARTNER = "https://partner.example";
    private static final String JSON = "{\"name\":\"widget\"}";
    /** Sent when a script is refused the response: the browser reports a network error, nothing more. */
    private static final String NETWORK_ERROR = "TypeError: Failed to fetch";

    @RegisterExtension
    static final ChildProcesses rig = new ChildProcesses();

    private static URI application;
    private static String site;
    /** The same proxy under its address instead of its name: another origin, and another site. */
    private static String foreignSite;
    private static LoopbackHttp tls;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        ForkedJvm server = new ForkedJvm.Spec(FieldServer.class, "jersey").configDirectory("field").start();
        rig.register("application (configuration 'field')", server, server, server::output);
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(rig);
        // Any certificate is accepted, since the proxy's is made by the test; the rest of TLS and CORS is the browser's own.
        HeadlessChromium chromium = HeadlessChromium.start("--ignore-certificate-errors");
        browser = rig.register("chromium", chromium, chromium, () -> "").driver();
        application = server.awaitListening();
        int port = ChildProcess.freePort();
        Nginx.start(rig, "nginx-tls", folder -> """
                    server {
                        listen 127.0.0.1:%d ssl http2;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        location / {
                            proxy_pass http://127.0.0.1:%d;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-Host $host;
                            proxy_set_header X-Forwarded-Port $server_port;
                        }
                    }
                """.formatted(port, certificate.certificate(), certificate.key(), application.getPort()), port);
        site = "https://localhost:" + port;
        foreignSite = "https://127.0.0.1:" + port;
        tls = LoopbackHttp.trusting(certificate.trustedAlone());
    }

    enum Write {
        POST("/api/orders", 201, OrdersResource.CREATED),
        PUT("/api/orders/7", 200, OrdersResource.REPLACED);

        final String path;
        final int status;
        final String body;

        Write(String path, int status, String body) {
            this.path = path;
            this.status = status;
            this.body = body;
        }
    }

    /**
     * Browsers send {@code Origin} on a same-origin POST or PUT; behind the proxy it is not the
     * origin the application sees for itself, and it is not in {@code cors.allowed-origins}.
     */
    @ParameterizedTest(name = "same-origin {0} with a JSON body")
    @EnumSource(Write.class)
    void theSitesOwnPageWritesThroughTheProxyWithDefaultSettings(Write write) {
        open(site);
        Fetched result = fetch(site + write.path, json(write.name()));

        List<Seen> received = received(write.name(), write.path, site);
        report("same-origin " + write + " " + write.path + " through the proxy", result + " / received " + received);
        assertSoftly(softly -> {
            softly.assertThat(received).as("what the application received (method, path, Origin, Sec-Fetch-Site, Host)")
                    .containsExactly(new Seen(write.name(), write.path, site, "same-origin",
                            "127.0.0.1:" + application.getPort()));
            softly.assertThat(result.blocked()).as("a same-origin response is never hidden from the page: %s", result.error())
                    .isFalse();
            softly.assertThat(result.status()).as("status seen by the page's script").isEqualTo(write.status);
            softly.assertThat(result.body()).as("body seen by the page's script").isEqualTo(write.body);
        });
    }

    @Test
    void aPageOfAnotherOriginIsStillRefused() {
        open(foreignSite);
        Fetched put = fetch(site + "/api/orders/8", json("PUT"));
        Fetched post = fetch(site + "/api/orders", Map.of("method", "POST", "body", "plain"));

        report("PUT with JSON from " + foreignSite, put);
        report("simple POST from " + foreignSite, post);
        List<Seen> preflights = received("OPTIONS", "/api/orders/8", foreignSite);
        List<Seen> posts = received("POST", "/api/orders", foreignSite);
        assertSoftly(softly -> {
            softly.assertThat(put.blocked()).as("PUT blocked").isTrue();
            softly.assertThat(put.error()).isEqualTo(NETWORK_ERROR);
            softly.assertThat(preflights).as("the browser asked first, as a cross-site page")
                    .extracting(Seen::secFetchSite).containsExactly("cross-site");
            softly.assertThat(received("PUT", "/api/orders/8", foreignSite)).as("the refused PUT itself is never sent").isEmpty();
            softly.assertThat(post.blocked()).as("simple POST blocked").isTrue();
            softly.assertThat(post.error()).isEqualTo(NETWORK_ERROR);
            softly.assertThat(posts).as("the browser sent the simple POST, as a cross-site page")
                    .extracting(Seen::secFetchSite).containsExactly("cross-site");
        });
    }

    @Test
    void thePartnersPreflightThroughTheProxyIsAnswered() {
        Reply preflight = tls.send("OPTIONS", URI.create(site + "/api/orders/9"),
                "Origin", PARTNER, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type");
        Reply put = tls.sendWithBody("PUT", URI.create(site + "/api/orders/9"), JSON,
                "Origin", PARTNER, "Content-Type", "application/json");

        report("partner preflight through the proxy", preflight.status() + " " + preflight.accessControlAndVary());
        report("partner PUT through the proxy", put.status() + " " + put.accessControlAndVary());
        assertSoftly(softly -> {
            softly.assertThat(preflight.status()).isEqualTo(204);
            softly.assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(PARTNER);
            softly.assertThat(tokens(preflight, "Access-Control-Allow-Methods")).contains("put");
            softly.assertThat(tokens(preflight, "Access-Control-Allow-Headers")).contains("content-type");
            softly.assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("600");
            softly.assertThat(tokens(preflight, "Vary")).contains("origin");
            softly.assertThat(put.status()).isEqualTo(200);
            softly.assertThat(put.header("Access-Control-Allow-Origin")).isEqualTo(PARTNER);
            softly.assertThat(put.body()).isEqualTo(OrdersResource.REPLACED);
        });
    }

    // --- the browser, and what reached the application

    record Fetched(boolean blocked, long status, String body, String error) {
    }

    /** What the application received, recorded before the CORS filter could answer it. */
    record Seen(String method, String path, String origin, String secFetchSite, String host) {
    }

    private static final String FETCH = """
            const [url, init, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            fetch(url, init)
              .then(r => r.text().then(body => done({blocked: false, status: r.status, body: body})))
              .catch(e => done({blocked: true, error: String(e)}));
            """;

    /**
     * Navigates to the application's page through the proxy, as a user would: over HTTP/2, as
     * browsers reach most TLS proxies, while nginx speaks its default HTTP/1.0 to the application.
     */
    private static void open(String origin) {
        browser.get(origin + "/page");
        assertThat(browser.getTitle()).as("the page at %s/page, served through the proxy", origin).isEqualTo(PageResource.TITLE);
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('navigation')[0].nextHopProtocol")).as("protocol to the proxy").isEqualTo("h2");
    }

    @SuppressWarnings("unchecked")
    private static Fetched fetch(String url, Map<String, Object> init) {
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(FETCH, url, init);
        return new Fetched((Boolean) r.get("blocked"), r.get("status") == null ? 0 : (Long) r.get("status"),
                (String) r.get("body"), (String) r.get("error"));
    }

    private static Map<String, Object> json(String method) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("method", method);
        init.put("headers", Map.of("Content-Type", "application/json"));
        init.put("body", JSON);
        return init;
    }

    /** The requests with this method, path and Origin that reached the application, in order. */
    private static List<Seen> received(String method, String path, String origin) {
        String journal = LoopbackHttp.plain().send("GET", application.resolve("journal")).body();
        return journal.lines().map(line -> line.split("\t", -1))
                .map(f -> new Seen(f[0], f[1], f[2], f[3], f[4]))
                .filter(s -> s.method().equals(method) && s.path().equals(path) && s.origin().equals(origin))
                .toList();
    }

    /** A header's comma-separated entries, in lower case. */
    private static List<String> tokens(Reply response, String header) {
        return response.elements(header).stream().map(token -> token.toLowerCase(Locale.ROOT)).toList();
    }

    private static void report(String scenario, Object observed) {
        System.out.println("[field] " + scenario + " -> " + observed);
    }
}
