package io.github.jaxrscors.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.tomcat.util.modeler.Registry;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What a page's script sees when a Jersey resource throws an exception that no
 * {@code ExceptionMapper} handles: the 500, not a CORS error, on Grizzly and on Jersey as a servlet
 * in Tomcat. The API runs at {@code http://localhost:P}; the pages at {@code http://127.0.0.1:Q}.
 *
 * <p>Chromium and its driver are Debian's unless {@code -Dchromium.binary} and
 * {@code -Dchromedriver.binary} say otherwise; without them these tests fail, naming what is missing.
 */
class UnmappedExceptionBrowserIT {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private static final List<AutoCloseable> running = new ArrayList<>();
    private static HttpServer allowedPage;
    private static HttpServer foreignPage;
    private static String grizzly;
    private static String tomcat;
    private static String grizzlyResettingResponses;
    private static ChromeDriver browser;
    private static java.nio.file.Path profile;

    /** Throws what no mapper handles; no line of it knows about CORS. */
    @Path("api")
    public static class ThrowingApi {

        @GET
        @Path("boom")
        public String get() {
            throw new IllegalStateException("boom");
        }

        @PUT
        @Path("boom")
        @Consumes(MediaType.APPLICATION_JSON)
        public String put(String body) {
            throw new IllegalStateException("boom");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        allowedPage = pageServer();
        foreignPage = pageServer();
        CorsPolicy policy = CorsPolicy.builder()
                .allowOrigin("http://127.0.0.1:" + allowedPage.getAddress().getPort())
                .allowMethod("PUT")
                .allowHeader("Content-Type")
                .build();
        grizzly = startGrizzly(application(policy));
        tomcat = startTomcat(application(policy));
        grizzlyResettingResponses = startGrizzly(application(policy)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true));
        browser = startChromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable server : running) {
            server.close();
        }
        Stream.of(allowedPage, foreignPage).filter(s -> s != null).forEach(s -> s.stop(0));
        if (profile != null) {
            try (Stream<java.nio.file.Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theAllowedPageReadsThe500OnGrizzly() {
        assertReadable500(grizzly);
    }

    @Test
    void theAllowedPageReadsThe500InTomcat() {
        assertReadable500(tomcat);
    }

    @Test
    void aForeignPageIsStillRefused() {
        for (String api : List.of(grizzly, tomcat)) {
            Fetched result = fetch(foreignPage, api + "boom", Map.of());

            report("GET that throws, foreign page, " + api, result);
            assertThat(result.blocked()).as("the browser must refuse the 403").isTrue();
        }
    }

    /**
     * The control: with {@code setStatusOverSendError} Jersey's writer resets the response before
     * the container's page, so the 500 carries no CORS headers and the browser reports a network
     * error, which is what every Jersey 500 looked like to a page before.
     */
    @Test
    void aResponseResetByJerseyIsAnErrorToThePage() {
        Fetched result = fetch(allowedPage, grizzlyResettingResponses + "boom", Map.of());

        report("GET that throws, setStatusOverSendError", result);
        assertThat(result.blocked()).isTrue();
    }

    private static void assertReadable500(String api) {
        Fetched simple = fetch(allowedPage, api + "boom", Map.of());
        Fetched preflighted = fetch(allowedPage, api + "boom", put());

        report("GET that throws, " + api, simple);
        report("preflighted PUT that throws, " + api, preflighted);
        assertThat(simple.blocked()).as("blocked: %s", simple.error()).isFalse();
        assertThat(simple.status()).isEqualTo(500);
        assertThat(preflighted.blocked()).as("blocked: %s", preflighted.error()).isFalse();
        assertThat(preflighted.status()).isEqualTo(500);
    }

    // --- servers

    private static ResourceConfig application(CorsPolicy policy) {
        return new ResourceConfig(ThrowingApi.class).register(new CorsFeature(policy));
    }

    private static String startGrizzly(ResourceConfig application) {
        org.glassfish.grizzly.http.server.HttpServer server =
                GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application);
        running.add(server::shutdownNow);
        return "http://localhost:" + server.getListener("grizzly").getPort() + "/api/";
    }

    private static String startTomcat(ResourceConfig application) throws Exception {
        // Leaves the JVM's JMX registry and URL stream handler factory to the other tests.
        Registry.disableRegistry();
        TomcatURLStreamHandlerFactory.disable();
        File base = Files.createTempDirectory("jaxrs-cors-tomcat").toFile();
        Tomcat server = new Tomcat();
        server.setBaseDir(base.getPath());
        server.setPort(0);
        server.getConnector().setProperty("address", "127.0.0.1");
        Context context = server.addContext("", base.getPath());
        Tomcat.addServlet(context, "jersey", new ServletContainer(application)).setLoadOnStartup(1);
        context.addServletMappingDecoded("/*", "jersey");
        server.start();
        running.add(() -> {
            server.stop();
            server.destroy();
            try (Stream<java.nio.file.Path> files = Files.walk(base.toPath())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        });
        return "http://localhost:" + server.getConnector().getLocalPort() + "/api/";
    }

    // --- the browser and its pages

    record Fetched(boolean blocked, long status, String error) {
    }

    private static final String FETCH = """
            const [url, init, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            fetch(url, init)
              .then(r => done({blocked: false, status: r.status}))
              .catch(e => done({blocked: true, error: String(e)}));
            """;

    @SuppressWarnings("unchecked")
    private static Fetched fetch(HttpServer page, String url, Map<String, Object> init) {
        String pageUrl = "http://127.0.0.1:" + page.getAddress().getPort() + "/";
        if (!pageUrl.equals(browser.getCurrentUrl())) {
            browser.get(pageUrl);
        }
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(FETCH, url, init);
        return new Fetched((Boolean) r.get("blocked"), r.get("status") == null ? 0 : (Long) r.get("status"),
                (String) r.get("error"));
    }

    private static Map<String, Object> put() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("method", "PUT");
        init.put("headers", Map.of("Content-Type", "application/json"));
        init.put("body", "{\"name\":\"widget\"}");
        return init;
    }

    private static void report(String scenario, Object observed) {
        System.out.println("[browser] " + scenario + " -> " + observed);
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

    private static ChromeDriver startChromium() throws IOException {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(java.nio.file.Path.of(binary))) {
                throw new AssertionError(binary + " not found: install Debian's chromium and chromium-driver "
                        + "(apt-get install chromium chromium-driver) or point -Dchromium.binary and "
                        + "-Dchromedriver.binary at another build");
            }
        }
        profile = Files.createTempDirectory("jaxrs-cors-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(new File(CHROMIUM))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15)).pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (WebDriverException e) {
            throw new AssertionError("Chromium could not start (" + CHROMIUM + " driven by " + CHROMEDRIVER + "): "
                    + e.getMessage(), e);
        }
    }
}
