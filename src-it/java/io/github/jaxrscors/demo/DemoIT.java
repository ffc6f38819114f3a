package io.github.jaxrscors.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.LoopbackHttp;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.it.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the demo page in headless Chromium, as a visitor would: clicks every button and checks what
 * the browser allowed or blocked, the decision lines the server logged, and the explanation shown.
 * No Chromium means a failure, not a skip: the demo is the README's first promise.
 */
class DemoIT {

    private static Demo demo;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static String pageOrigin;

    /** One button: the outcome the browser must report, the decision lines, and the start of the "why". */
    record Call(String button, String outcome, String detail, List<String> decisions, String why) {
        @Override
        public String toString() {
            return button;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        demo = Demo.start(0, 0);
        pageOrigin = demo.pageUri().toString().replaceAll("/$", "");
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        browser.get(demo.pageUri().toString());
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("simple-get", "allowed", "HTTP 200 — Hello from the API X-Demo-Version: 1",
                        List.of(trace("request allowed", "'default' for GET /api/greeting")),
                        "The origin matches cors.allowed-origins"),
                new Call("json-post", "allowed", "HTTP 201 — {\"text\":\"hello\"}",
                        List.of(trace("preflight allowed", "'default' for POST /api/notes"),
                                trace("request allowed", "'default' for POST /api/notes")),
                        "cors.allowed-headers lists Content-Type"),
                new Call("put-custom-header", "allowed", "HTTP 200 — note 1 updated with token 42",
                        List.of(trace("preflight allowed", "'default' for PUT /api/notes/{id}"),
                                trace("request allowed", "'default' for PUT /api/notes/{id}")),
                        "cors.allowed-methods adds PUT"),
                new Call("credentialed", "allowed", "HTTP 200 — signed in as demo-user",
                        List.of(trace("request allowed", "'default' for GET /api/me")),
                        "@Cors(allowCredentials = \"true\")"),
                new Call("forbidden-path", "blocked", "TypeError",
                        List.of("[DEBUG] request rejected: origin '" + pageOrigin
                                + "' not allowed by policy 'partners' for GET /api/partners/report"),
                        "The server refused it: origin '" + pageOrigin
                                + "' not allowed by policy 'partners' for GET /api/partners/report."),
                new Call("header-not-allowed", "blocked", "TypeError",
                        List.of("[DEBUG] preflight rejected: header 'x-secret' not allowed by policy 'default' "
                                + "for PUT /api/notes/{id}"),
                        "The server refused it: header 'x-secret' not allowed by policy 'default' for PUT /api/notes/{id}."),
                new Call("credentials-not-allowed", "blocked", "TypeError",
                        List.of(trace("request allowed", "'default' for GET /api/greeting")),
                        "The server allowed the origin, but this path's policy sends no Access-Control-Allow-Credentials"));
    }

    private static String trace(String what, String policyAndRoute) {
        return "[TRACE] " + what + ": origin '" + pageOrigin + "' by policy " + policyAndRoute;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void eachButtonShowsWhatTheBrowserDidAndWhy(Call call) {
        WebElement card = browser.findElement(By.id(call.button()));
        card.findElement(By.tagName("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(driver -> "done".equals(card.getAttribute("data-state")));

        assertThat(card.getAttribute("data-outcome")).as("outcome").isEqualTo(call.outcome());
        assertThat(card.findElement(By.className("verdict")).getText())
                .startsWith(call.outcome().equals("allowed") ? "Browser allowed it" : "Browser blocked it");
        assertThat(card.findElement(By.className("detail")).getText()).as("detail").startsWith(call.detail());
        assertThat(card.findElement(By.className("decisions")).getText().lines().toList())
                .as("decision log").isEqualTo(call.decisions());
        assertThat(card.findElement(By.className("why")).getText()).as("why").startsWith(call.why());
    }

    /**
     * The banner's instruction, followed as a visitor would: write the value it shows into the file it
     * names, and the same button is decided anew, without a restart; deleting the file goes back.
     */
    @Test
    void aConfigurationChangeReDecidesAButtonWithoutARestart() throws Exception {
        long lastAllowedPreflight = System.nanoTime();
        Matcher command = Pattern.compile("echo '([^']*)' > (\\S+)").matcher(demo.banner());
        assertThat(command.find()).as("the banner shows the command").isTrue();
        Path file = Path.of(command.group(2));
        assertThat(file.getParent()).isEqualTo(demo.configDirectory());
        assertThat(click("header-not-allowed").getAttribute("data-outcome")).isEqualTo("blocked");
        try {
            Files.writeString(file, command.group(1) + "\n");
            awaitPreflightStatus(204);

            WebElement card = click("header-not-allowed");
            lastAllowedPreflight = System.nanoTime();
            assertThat(card.getAttribute("data-outcome")).isEqualTo("allowed");
            assertThat(card.findElement(By.className("detail")).getText()).startsWith("HTTP 200 — note 1 updated");
            assertThat(card.findElement(By.className("decisions")).getText().lines().toList()).containsExactly(
                    trace("preflight allowed", "'default' for PUT /api/notes/{id}"),
                    trace("request allowed", "'default' for PUT /api/notes/{id}"));
            assertThat(card.findElement(By.className("why")).getText()).startsWith("cors.allowed-headers lists X-Secret now");
        } finally {
            Files.deleteIfExists(file);
            awaitPreflightStatus(403);
        }
        // Without Access-Control-Max-Age (cors.max-age=0) the browser keeps a preflight answer 5 seconds (Fetch).
        long cached = lastAllowedPreflight + Duration.ofMillis(5_500).toNanos() - System.nanoTime();
        if (cached > 0) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(cached) + 1);
        }
        assertThat(click("header-not-allowed").getAttribute("data-outcome")).as("back to the file's policy").isEqualTo("blocked");
    }

    private static WebElement click(String button) {
        WebElement card = browser.findElement(By.id(button));
        card.findElement(By.tagName("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(driver -> "done".equals(card.getAttribute("data-state")));
        return card;
    }

    /** Waits, at most 20 seconds, until the refresh has installed the policy that answers the button's preflight so. */
    private static void awaitPreflightStatus(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            int got = LoopbackHttp.plain().send("OPTIONS", demo.apiUri().resolve("api/notes/1"),
                    "Origin", pageOrigin,
                    "Access-Control-Request-Method", "PUT",
                    "Access-Control-Request-Headers", "content-type,x-secret").status();
            if (got == status) {
                return;
            }
            assertThat(System.nanoTime()).as("preflight answered %d within 20 s (last: %d)", status, got).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void pageNamesBothOrigins() {
        assertThat(browser.findElement(By.id("page-origin")).getText()).isEqualTo(pageOrigin);
        assertThat(browser.findElement(By.id("api-origin")).getText())
                .isEqualTo(demo.apiUri().toString().replaceAll("/$", ""))
                .startsWith("http://localhost:");
    }

    @Test
    void bannerPrintsBothAddressesAndAPreflightThatTheApiAllows() throws Exception {
        String banner = demo.banner();
        assertThat(banner).contains(demo.apiUri().toString(), demo.pageUri().toString(),
                "curl -i -X OPTIONS " + demo.apiUri() + "api/notes/1", "-H 'Origin: " + pageOrigin + "'",
                "-H 'Access-Control-Request-Method: PUT'",
                "-H 'Access-Control-Request-Headers: content-type, x-demo-token'");

        Reply preflight = LoopbackHttp.plain().send("OPTIONS", demo.apiUri().resolve("api/notes/1"),
                "Origin", pageOrigin,
                "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-type, x-demo-token");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(pageOrigin);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("content-type", "x-demo-token");
    }
}
