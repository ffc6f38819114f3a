package io.github.jaxrscors.compat;

import static io.github.jaxrscors.compat.DropInChecks.ADMIN;
import static io.github.jaxrscors.compat.DropInChecks.APP;
import static io.github.jaxrscors.compat.DropInChecks.FOREIGN;
import static io.github.jaxrscors.compat.DropInChecks.header;
import static io.github.jaxrscors.compat.SpringBootApp.LIBRARY;
import static io.github.jaxrscors.compat.SpringBootApp.SECURITY;
import static io.github.jaxrscors.compat.SpringBootApp.SPRING_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring Boot 4.0 with {@code spring-boot-starter-jersey} (Jersey 4, Tomcat 11) and the library's jar,
 * as a Spring user sets it up: the {@code cors.*} keys in {@code application.yml} and environment
 * variables, read through Spring's {@code Environment}; no MicroProfile Config anywhere, no line of
 * code naming the library. Beside it, Spring Security in front of the API, and Spring's own CORS,
 * which the library refuses.
 */
class SpringBootJerseyIT {

    private static final String NAME = "spring-boot-4-jersey";
    /** The application's whole CORS set-up, as a Spring user writes it; the methods come from {@code CORS_ALLOWED_METHODS}. */
    private static final String YAML = """
            cors:
              allowed-origins: https://app.example.com
              policy:
                partners:
                  allowed-origins: https://partner.example.net
            """;
    private static final Map<String, String> ENVIRONMENT = Map.of("CORS_ALLOWED_METHODS", "PUT");

    /**
     * The drop-in checks, and the 500 of an exception no mapper handles against the same application
     * without the library: Tomcat's page, with the decision's headers added. Without the library,
     * Jersey's servlet is started with the application too, as the library starts it, so that Jersey
     * logs its start-up at the same time in both.
     */
    @Test
    void dropIn() {
        int port = Ports.free();
        int plainPort = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME, port, SECURITY, workDir(YAML), ENVIRONMENT, Map.of());
                ServerProcess plain = SpringBootApp.start(NAME + "-without-library", plainPort, SECURITY.or(LIBRARY),
                        workDir(YAML), ENVIRONMENT, Map.of(), "--spring.jersey.servlet.load-on-startup=1")) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            plain.awaitReady(PlainJvm.START, SpringBootApp.ready(plainPort));
            DropInChecks.assertDropIn(SpringBootApp.api(port), server::describe);
            UnmappedException.assertReadable(NAME, new UnmappedException.Deployment(SpringBootApp.api(port), server, null),
                    new UnmappedException.Deployment(SpringBootApp.api(plainPort), plain, null));
        }
    }

    /**
     * The library starts Jersey's servlet with the application (Spring Boot would start it at the
     * first request), so a mistake in {@code application.yml} stops the start, with Spring Boot's
     * failure report.
     */
    @ParameterizedTest(name = "spring.jersey.type={0}")
    @ValueSource(strings = {"servlet", "filter"})
    void configurationMistakeStopsTheStart(String jerseyType) {
        String bad = YAML.replace("allowed-origins: https://app.example.com", "allowed-origins: " + Modules.BAD_ORIGIN);
        try (ServerProcess server = SpringBootApp.start(NAME + "-bad-config-" + jerseyType, Ports.free(), SECURITY, workDir(bad),
                ENVIRONMENT, Map.of(), jerseyType(jerseyType))) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the application stops instead of serving" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).as("exit status" + server.describe()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
            if (jerseyType.equals("servlet")) {
                assertThat(server.output()).contains("APPLICATION FAILED TO START", "Action:", "application.yml");
            } else {
                // Tomcat starts Jersey's filter itself, logs its failure, and reports only that the context did not start.
                assertThat(server.output()).contains("Exception starting filter [jerseyFilter]", "Unable to start web server");
            }
        }
    }

    /**
     * An application that sets {@code spring.jersey.servlet.load-on-startup=-1} itself keeps Jersey's
     * servlet lazy: it starts, and the mistake shows as a 500 only at the first request. Tomcat tries
     * the servlet again on the next request, and Jersey then hides the cause behind
     * "The resource configuration is not modifiable in this context".
     */
    @Test
    void lazyJerseyServletShowsTheMistakeAtTheFirstRequestOnly() {
        int port = Ports.free();
        String bad = YAML.replace("allowed-origins: https://app.example.com", "allowed-origins: " + Modules.BAD_ORIGIN);
        try (ServerProcess server = SpringBootApp.start(NAME + "-bad-config-lazy", port, SECURITY, workDir(bad), ENVIRONMENT, Map.of(),
                "--spring.jersey.servlet.load-on-startup=-1")) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            assertThat(server.output()).as("nothing said at startup").doesNotContain("Invalid CORS configuration");

            HttpResponse<String> first = DropInChecks.get(SpringBootApp.api(port).resolve("items"), APP);
            assertThat(first.statusCode()).as("first request" + server.describe()).isEqualTo(500);
            assertThat(header(first, "Access-Control-Allow-Origin")).isEmpty();
            assertThat(server.awaitOutput(Duration.ofSeconds(10), "Invalid CORS configuration")).isTrue();
            DropInChecks.assertLibraryMessage(server.output());

            assertThat(DropInChecks.get(SpringBootApp.api(port).resolve("items"), APP).statusCode()).as("second request").isEqualTo(500);
            assertThat(server.awaitOutput(Duration.ofSeconds(10), "The resource configuration is not modifiable in this context"))
                    .as("Jersey's second attempt" + server.describe()).isTrue();
        }
    }

    /**
     * Spring Security requires authentication on {@code /api/**}. A preflight never carries
     * credentials: the library answers it before Security. An allowed origin can read the 401 of an
     * unauthenticated actual request; a foreign origin is refused without CORS headers; every
     * header is sent once.
     */
    @ParameterizedTest(name = "spring.jersey.type={0}")
    @ValueSource(strings = {"servlet", "filter"})
    void springSecurityInFront(String jerseyType) {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME + "-security-" + jerseyType, port, Modules.NOTHING, workDir(YAML), ENVIRONMENT,
                Map.of(), jerseyType(jerseyType))) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            URI api = SpringBootApp.api(port);
            SoftAssertions softly = new SoftAssertions();

            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), APP, "PUT");
            softly.assertThat(preflight.statusCode()).as("preflight without credentials").isEqualTo(204);
            softly.assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).as("preflight: ACAO").containsExactly(APP);
            softly.assertThat(header(preflight, "Access-Control-Max-Age")).as("preflight: the library's max-age").contains("86400");
            softly.assertThat(header(preflight, "WWW-Authenticate")).as("preflight: Security never saw it").isEmpty();
            assertVaryOnce(softly, "preflight", preflight, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
            HttpResponse<String> foreignPreflight = DropInChecks.preflight(api.resolve("items/1"), FOREIGN, "PUT");
            softly.assertThat(foreignPreflight.statusCode()).as("foreign preflight").isEqualTo(403);
            softly.assertThat(header(foreignPreflight, "Access-Control-Allow-Origin")).as("foreign preflight: ACAO").isEmpty();
            HttpResponse<String> adminPreflight = DropInChecks.preflight(api.resolve("admin/1"), ADMIN, "PUT");
            softly.assertThat(adminPreflight.statusCode()).as("@Cors origin's preflight on its resource").isEqualTo(204);

            HttpResponse<String> anonymous = DropInChecks.get(api.resolve("items"), APP);
            softly.assertThat(anonymous.statusCode()).as("unauthenticated GET").isEqualTo(401);
            softly.assertThat(anonymous.headers().allValues("Access-Control-Allow-Origin")).as("unauthenticated GET: ACAO")
                    .containsExactly(APP);
            assertVaryOnce(softly, "unauthenticated GET", anonymous, "Origin");
            HttpResponse<String> foreign = DropInChecks.get(api.resolve("items"), FOREIGN);
            softly.assertThat(foreign.statusCode()).as("unauthenticated foreign GET: the library refuses first").isEqualTo(403);
            softly.assertThat(header(foreign, "Access-Control-Allow-Origin")).as("unauthenticated foreign GET: ACAO").isEmpty();
            assertVaryOnce(softly, "unauthenticated foreign GET", foreign, "Origin");

            HttpResponse<String> authenticated = SpringBootApp.authenticatedGet(api.resolve("items"), APP);
            softly.assertThat(authenticated.statusCode()).as("authenticated GET").isEqualTo(200);
            softly.assertThat(authenticated.body()).as("authenticated GET: body").isEqualTo("items");
            softly.assertThat(authenticated.headers().allValues("Access-Control-Allow-Origin")).as("authenticated GET: one ACAO")
                    .containsExactly(APP);
            assertVaryOnce(softly, "authenticated GET", authenticated, "Origin");
            softly.assertThat(SpringBootApp.authenticatedGet(api.resolve("items"), FOREIGN).statusCode())
                    .as("authenticated foreign GET: the library's refusal").isEqualTo(403);
            if (!softly.wasSuccess()) {
                softly.fail(server.describe());
            }
            softly.assertAll();
        }
    }

    /**
     * Spring Boot's Jersey as a servlet (the default) or as a filter ({@code spring.jersey.type}). A
     * filter runs only for a request some servlet maps, which a Jersey-only application has none of
     * (Tomcat answers 404 before any filter, with the library or without): Tomcat's default servlet
     * stands in for the {@code DispatcherServlet} of an application that uses the filter beside Spring MVC.
     */
    private static String[] jerseyType(String type) {
        return type.equals("filter")
                ? new String[] {"--spring.jersey.type=filter", "--server.servlet.register-default-servlet=true"}
                : new String[] {"--spring.jersey.type=" + type};
    }

    /** Every token once, over all of the response's {@code Vary} lines. */
    private static void assertVaryOnce(SoftAssertions softly, String what, HttpResponse<String> response, String... tokens) {
        List<String> all = response.headers().allValues("Vary").stream()
                .flatMap(line -> Arrays.stream(line.split(","))).map(String::trim).toList();
        softly.assertThat(all).as(what + ": Vary " + response.headers().allValues("Vary")).containsOnlyOnce(tokens);
    }

    /**
     * Spring's {@code CorsFilter}, registered as Spring's documentation shows, would answer every
     * preflight itself with its own policy (by hand: 200, no {@code Access-Control-Max-Age},
     * {@code @Cors} ignored) and leave its {@code Access-Control-Allow-Origin} on the library's
     * refusals: the application does not start, and the message names the bean and the fix.
     */
    @Test
    void springCorsFilterIsRefusedAtStartup() {
        try (ServerProcess server = SpringBootApp.start(NAME + "-spring-cors-filter", Ports.free(), SECURITY, workDir(YAML), ENVIRONMENT,
                Map.of(), "--compat.spring-cors=filter")) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the application stops" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(server.output()).contains("Spring's CorsFilter (registered by bean 'springCorsFilter')",
                    "answers preflights before jaxrs-cors", "cors.enabled=false");
        }
    }

    /** The fix the refusal offers for an application that keeps Spring's CORS: with {@code cors.enabled=false}, Spring's filter alone answers. */
    @Test
    void springCorsFilterAloneWithTheLibraryOff() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME + "-spring-cors-filter-alone", port, SECURITY, workDir(YAML + "  enabled: false\n"),
                ENVIRONMENT, Map.of(), "--compat.spring-cors=filter")) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            URI api = SpringBootApp.api(port);
            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), SPRING_ONLY, "PUT");
            assertThat(preflight.statusCode()).as("Spring's answer" + server.describe()).isEqualTo(200);
            assertThat(header(preflight, "Access-Control-Allow-Origin")).contains(SPRING_ONLY);
            HttpResponse<String> get = DropInChecks.get(api.resolve("items"), SPRING_ONLY);
            assertThat(get.statusCode()).as("the library refuses nothing").isEqualTo(200);
            assertThat(get.headers().allValues("Access-Control-Allow-Origin")).containsExactly(SPRING_ONLY);
        }
    }

    /**
     * Spring Security's {@code cors()}: called by the application ({@code http.cors(...)} with a
     * {@code CorsConfigurationSource} bean), or by Spring Security itself for a
     * {@code UrlBasedCorsConfigurationSource} bean alone. Its {@code CorsFilter} in the security
     * chain would answer preflights as the plain one does: the application does not start.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--compat.security.cors=true", "--compat.security.cors=false"})
    void springSecurityCorsIsRefusedAtStartup(String httpCors) {
        try (ServerProcess server = SpringBootApp.start(NAME + "-security-cors", Ports.free(), Modules.NOTHING, workDir(YAML), ENVIRONMENT,
                Map.of(), httpCors, "--compat.spring-cors=source")) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the application stops" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(server.output()).contains("Spring Security's cors() (security filter chain 'apiFilterChain')",
                    "configured by the bean 'corsConfigurationSource'", "cors.enabled=false");
        }
    }

    /**
     * {@code cors.refresh-interval} sees a property the application changes while it runs: Spring Boot
     * re-reads no file, so the change is made in a property source of the {@code Environment} (the
     * application's {@code Main} takes {@code set key=value} on standard input for that).
     */
    @Test
    void refreshIntervalSeesAChangedPropertySource() {
        int port = Ports.free();
        String newOrigin = "https://new.example.com";
        try (ServerProcess server = SpringBootApp.start(NAME + "-refresh", port, SECURITY, workDir(YAML + "  refresh-interval: 1s\n"),
                ENVIRONMENT, Map.of())) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            URI items = SpringBootApp.api(port).resolve("items");
            assertThat(DropInChecks.get(items, newOrigin).statusCode()).as("before the change" + server.describe()).isEqualTo(403);

            server.send("set cors.allowed-origins=" + newOrigin);
            assertThat(server.awaitOutput(Duration.ofSeconds(10), "set cors.allowed-origins")).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            HttpResponse<String> response;
            do {
                response = DropInChecks.get(items, newOrigin);
            } while (response.statusCode() != 200 && System.nanoTime() < deadline && pause());
            assertThat(response.statusCode()).as("the new origin after the refresh" + server.describe()).isEqualTo(200);
            assertThat(header(response, "Access-Control-Allow-Origin")).contains(newOrigin);
            assertThat(DropInChecks.get(items, APP).statusCode()).as("the old origin").isEqualTo(403);
        }
    }

    /**
     * With Actuator and Micrometer's Prometheus registry, and nothing else: Spring Boot adds its
     * registry to Micrometer's global one, where the library counts, so Actuator's Prometheus endpoint
     * ({@code /api/actuator/prometheus}: on Jersey, under its application path) shows
     * {@code cors_requests_total}, one series per kind, outcome, mode, policy and reason, counted exactly.
     */
    @Test
    void decisionsAreCountedOnActuatorsPrometheusEndpoint() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.startWith(SpringBootApp.Extra.ACTUATOR_PROMETHEUS, NAME + "-prometheus", port,
                SECURITY, workDir(YAML), ENVIRONMENT, "--management.endpoints.web.exposure.include=prometheus")) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            // Actuator's endpoints are Jersey resources too, under Jersey's application path.
            CorsRequestsSeries.assertCounted(SpringBootApp.api(port), SpringBootApp.api(port).resolve("actuator/prometheus"),
                    server.describe());
        }
    }

    /**
     * Spring Cloud's refresh ({@code /actuator/refresh}, a Spring Cloud Bus event) reads
     * {@code application.yml} again and announces the keys that changed; the library reads its keys
     * again at once, without {@code cors.refresh-interval}. A mistake in the file is refused, with the
     * policy in use kept; the file put right, the new policy is in use as the refresh returns.
     */
    @Test
    void springCloudRefreshReadsTheKeysAgainAtOnce() throws Exception {
        int port = Ports.free();
        String newOrigin = "https://new.example.com";
        java.nio.file.Path dir = workDir(YAML);
        java.nio.file.Path file = dir.resolve("config/application.yml");
        try (ServerProcess server = SpringBootApp.startWith(SpringBootApp.Extra.SPRING_CLOUD, NAME + "-spring-cloud", port, SECURITY, dir,
                ENVIRONMENT)) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            URI items = SpringBootApp.api(port).resolve("items");
            assertThat(DropInChecks.get(items, APP).statusCode()).as("before the change" + server.describe()).isEqualTo(200);

            java.nio.file.Files.writeString(file, YAML.replace("allowed-origins: https://app.example.com", "allowed-origins: "
                    + Modules.BAD_ORIGIN));
            refresh(server, "cors.allowed-origins");
            assertThat(server.output()).contains("CORS configuration changed but is not valid; the previous policy stays in use");
            DropInChecks.assertLibraryMessage(server.output());
            assertThat(DropInChecks.get(items, APP).statusCode()).as("the policy in use, kept" + server.describe()).isEqualTo(200);

            java.nio.file.Files.writeString(file, YAML.replace("allowed-origins: https://app.example.com", "allowed-origins: " + newOrigin));
            refresh(server, "cors.allowed-origins");
            assertThat(server.output()).contains("CORS configuration is valid again; the new policy is active");
            HttpResponse<String> response = DropInChecks.get(items, newOrigin);
            assertThat(response.statusCode()).as("the new origin as the refresh returned" + server.describe()).isEqualTo(200);
            assertThat(header(response, "Access-Control-Allow-Origin")).contains(newOrigin);
            assertThat(DropInChecks.get(items, APP).statusCode()).as("the old origin").isEqualTo(403);
            assertThat(server.output()).as("no refresh thread: the event did it").doesNotContain("jaxrs-cors-refresh");
        }
    }

    /** Asks Spring Cloud's {@code ContextRefresher} to refresh, and waits for the keys it says changed. */
    private static void refresh(ServerProcess server, String changedKey) {
        int mark = server.mark();
        server.send("refresh");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!server.output().substring(mark).contains("refreshed [") && System.nanoTime() < deadline && pause()) {
            // Spring Cloud reads the configuration files again; Main prints the keys that changed when it returns.
        }
        assertThat(server.output().substring(mark)).as("Spring Cloud's refresh" + server.describe()).contains("refreshed [")
                .contains(changedKey);
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.nio.file.Path workDir(String yaml) {
        return SpringBootApp.workDir(NAME, yaml);
    }
}
