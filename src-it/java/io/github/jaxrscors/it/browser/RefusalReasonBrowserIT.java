package io.github.jaxrscors.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.jaxrscors.it.ForkedJvm;
import io.github.jaxrscors.it.HeadlessChromium;
import io.github.jaxrscors.it.app.DropInApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.jersey.JerseyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.network.Network;
import org.openqa.selenium.devtools.v156.network.model.Headers;
import org.openqa.selenium.devtools.v156.network.model.ResourceType;

/**
 * {@code cors.explain-refusals} as a developer meets it: a page of {@code http://127.0.0.1:P} calls a
 * drop-in API (Jersey, {@code src-it/config/explain}) that refuses a header it asks for and an origin
 * one resource does not allow. Headless Chromium blocks both; its DevTools protocol, whose network
 * events the network panel shows ({@code Network.responseReceived} for the preflight, the raw
 * {@code Network.responseReceivedExtraInfo} for the blocked request), carries each one's
 * {@code Cors-Refusal} header with the reason, and none where the setting is off. The API logs its
 * WARNING at startup while the setting is on.
 */
class RefusalReasonBrowserIT {

    private static final String EXPLAIN_WARNING = "cors.explain-refusals is on: every refused request carries the reason in "
            + "a Cors-Refusal header that any client can read; turn it off outside development";

    private static HttpServer page;
    private static ForkedJvm explaining;
    private static ForkedJvm silent;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static DevTools devTools;
    /** Every response Chromium received, as DevTools reported it. */
    private static final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** The requests Chromium announced, by DevTools' request id. */
    private static final Map<String, Seen> announced = new ConcurrentHashMap<>();

    record Seen(ResourceType type, String url, int status, Map<String, String> headers) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        page = pageServer();
        explaining = startApi(true);
        silent = startApi(false);
        explaining.awaitListening();
        silent.awaitListening();
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        devTools = browser.getDevTools();
        devTools.createSession();
        devTools.send(Network.enable(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        devTools.addListener(Network.responseReceived(), received -> seen.add(new Seen(received.getType(),
                received.getResponse().getUrl(), received.getResponse().getStatus(), headers(received.getResponse().getHeaders()))));
        // A response the browser blocks reaches the page as an error, and DevTools only as the raw
        // response ("extra info") of the request it announced.
        devTools.addListener(Network.requestWillBeSent(), sent -> announced.put(sent.getRequestId().toString(),
                new Seen(sent.getType().orElse(ResourceType.OTHER), sent.getRequest().getUrl(), 0, Map.of())));
        devTools.addListener(Network.responseReceivedExtraInfo(), raw -> {
            Seen request = announced.get(raw.getRequestId().toString());
            if (request != null) {
                seen.add(new Seen(request.type(), request.url(), raw.getStatusCode(), headers(raw.getHeaders())));
            }
        });
        browser.get("http://127.0.0.1:" + page.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (explaining != null) {
                explaining.close();
            }
            if (silent != null) {
                silent.close();
            }
            if (page != null) {
                page.stop(0);
            }
        }
    }

    private static ForkedJvm startApi(boolean explainRefusals) throws IOException {
        return new ForkedJvm.Spec(JerseyServer.class, "jersey")
                .systemProperty(ForkedMain.APPLICATION, DropInApplication.class.getName())
                .systemProperty("cors.explain-refusals", String.valueOf(explainRefusals))
                .systemProperty("java.util.logging.config.file",
                        Path.of(System.getProperty("it.config.dir"), "logging", "logging.properties").toString())
                .configDirectory("explain")
                .start();
    }

    @ParameterizedTest(name = "explain-refusals {0}")
    @ValueSource(booleans = {true, false})
    void aRefusedPreflightTellsTheNetworkPanelWhy(boolean explain) throws InterruptedException {
        String url = api(explain) + "api/items/7";

        String outcome = fetch(url, "{method: 'PUT', headers: {'Content-Type': 'application/json', 'X-Unlisted': '1'}, body: '{}'}");

        assertThat(outcome).as("the browser blocks the request").startsWith("blocked");
        Seen preflight = awaitResponse(ResourceType.PREFLIGHT, url);
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Cors-Refusal")).as("Cors-Refusal in %s", preflight.headers())
                .isEqualTo(explain ? Optional.of("header 'x-unlisted' not allowed") : Optional.empty());
    }

    @ParameterizedTest(name = "explain-refusals {0}")
    @ValueSource(booleans = {true, false})
    void aRefusedRequestTellsTheNetworkPanelWhy(boolean explain) throws InterruptedException {
        String url = api(explain) + "api/partner";

        String outcome = fetch(url, "{}");

        assertThat(outcome).as("the browser blocks the response").startsWith("blocked");
        Seen refused = awaitResponse(ResourceType.FETCH, url);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Cors-Refusal")).as("Cors-Refusal in %s", refused.headers())
                .isEqualTo(explain ? Optional.of("origin 'http://127.0.0.1:" + page.getAddress().getPort() + "' not allowed")
                        : Optional.empty());
    }

    @ParameterizedTest(name = "explain-refusals {0}")
    @ValueSource(booleans = {true, false})
    void theApiWarnsAtStartupWhileRefusalsAreExplained(boolean explain) {
        List<String> lines = (explain ? explaining : silent).output().lines().toList();
        int listening = lines.indexOf(lines.stream().filter(l -> l.startsWith(ForkedMain.LISTENING)).findFirst().orElseThrow());
        assertThat(lines.subList(0, listening)).as("logged before the API listened")
                .filteredOn(l -> l.contains("cors.explain-refusals"))
                .containsExactlyElementsOf(explain ? List.of("WARNING io.github.jaxrscors: " + EXPLAIN_WARNING) : List.of());
        assertThat(lines.subList(listening, lines.size())).filteredOn(l -> l.contains(EXPLAIN_WARNING)).isEmpty();
    }

    private static Map<String, String> headers(Headers headers) {
        return headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()), (a, b) -> a + ", " + b));
    }

    /** The API on {@code localhost}: another origin than the page's {@code 127.0.0.1}, on the same machine. */
    private static String api(boolean explain) {
        return "http://localhost:" + (explain ? explaining : silent).awaitListening().getPort() + "/";
    }

    private static String fetch(String url, String init) {
        Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], %s)
                  .then(r => done('read ' + r.status))
                  .catch(e => done('blocked: ' + e));
                """.formatted(init), url);
        return String.valueOf(result);
    }

    /** The response DevTools reported for {@code url}, once it came; the events arrive on a thread of their own. */
    private static Seen awaitResponse(ResourceType type, String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Seen> matching = seen.stream().filter(s -> s.type() == type && s.url().equals(url)).toList();
            if (!matching.isEmpty()) {
                return matching.get(matching.size() - 1);
            }
            assertThat(System.nanoTime()).as("DevTools reported a %s response from %s; it reported %s",
                    type.toString().toLowerCase(Locale.ROOT), url, seen).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static HttpServer pageServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = "<!doctype html><title>front end</title><p>A developer's front end.</p>".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
