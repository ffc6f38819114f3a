package io.github.jaxrscors.compat;

import static io.github.jaxrscors.compat.DropInChecks.APP;
import static io.github.jaxrscors.compat.DropInChecks.FOREIGN;
import static io.github.jaxrscors.compat.DropInChecks.header;
import static io.github.jaxrscors.compat.SpringBootApp.MICROPROFILE_CONFIG;
import static io.github.jaxrscors.compat.SpringBootApp.SECURITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What Spring Boot users must get once the library integrates with Spring (contract 6.6), stated over
 * real HTTP. The library does not do this yet, so these checks are not part of the matrix's default
 * run: run them with {@code -Pphase2} (module {@code tests}). With {@code -Dcompat.spring.prototype=true}
 * they run against the prototype of that integration in {@code compat/spring-boot-jersey}, which shows
 * the mechanism works.
 *
 * <p>No MicroProfile Config anywhere: the keys are in the application's {@code config/application.yml}
 * and in environment variables, read through Spring's {@code Environment}.
 */
class SpringBootJerseyPhase2 {

    private static final String NAME = "spring-boot-4-jersey-phase2";
    /** The application's whole CORS set-up, as a Spring user writes it; the methods come from {@code CORS_ALLOWED_METHODS}. */
    private static final String YAML = """
            cors:
              allowed-origins: https://app.example.com
              policy:
                partners:
                  allowed-origins: https://partner.example.net
            """;
    private static final Map<String, String> ENVIRONMENT = Map.of("CORS_ALLOWED_METHODS", "PUT");

    @Test
    void keysInSpringConfigurationWithoutMicroProfileConfig() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME, port, SECURITY.or(MICROPROFILE_CONFIG), workDir(YAML), ENVIRONMENT, Map.of())) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            DropInChecks.assertDropIn(SpringBootApp.api(port), server::describe);
        }
    }

    @Test
    void configurationMistakeInApplicationYmlStopsTheStart() {
        String bad = YAML.replace("allowed-origins: https://app.example.com", "allowed-origins: " + Modules.BAD_ORIGIN);
        try (ServerProcess server = SpringBootApp.start(NAME + "-bad-config", Ports.free(), SECURITY.or(MICROPROFILE_CONFIG), workDir(bad),
                ENVIRONMENT, Map.of())) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the application stops instead of serving" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
        }
    }

    /**
     * Spring Security requires authentication on {@code /api/**}. A preflight never carries
     * credentials: the library answers it. An allowed origin can read the 401 of an unauthenticated
     * actual request; a foreign origin is refused without CORS headers.
     */
    @Test
    void springSecurityInFront() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME + "-security", port, MICROPROFILE_CONFIG, workDir(YAML), ENVIRONMENT, Map.of())) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            URI api = SpringBootApp.api(port);
            SoftAssertions softly = new SoftAssertions();

            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), APP, "PUT");
            softly.assertThat(preflight.statusCode()).as("preflight without credentials").isEqualTo(204);
            softly.assertThat(header(preflight, "Access-Control-Allow-Origin")).as("preflight: ACAO").contains(APP);
            softly.assertThat(header(preflight, "Access-Control-Max-Age")).as("preflight: the library's max-age").contains("86400");
            HttpResponse<String> foreignPreflight = DropInChecks.preflight(api.resolve("items/1"), FOREIGN, "PUT");
            softly.assertThat(foreignPreflight.statusCode()).as("foreign preflight").isEqualTo(403);
            softly.assertThat(header(foreignPreflight, "Access-Control-Allow-Origin")).as("foreign preflight: ACAO").isEmpty();

            HttpResponse<String> anonymous = DropInChecks.get(api.resolve("items"), APP);
            softly.assertThat(anonymous.statusCode()).as("unauthenticated GET").isEqualTo(401);
            softly.assertThat(header(anonymous, "Access-Control-Allow-Origin")).as("unauthenticated GET: ACAO").contains(APP);
            softly.assertThat(header(anonymous, "Vary")).as("unauthenticated GET: Vary")
                    .hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));
            HttpResponse<String> foreign = DropInChecks.get(api.resolve("items"), FOREIGN);
            softly.assertThat(foreign.statusCode()).as("unauthenticated foreign GET").isIn(401, 403);
            softly.assertThat(header(foreign, "Access-Control-Allow-Origin")).as("unauthenticated foreign GET: ACAO").isEmpty();

            HttpResponse<String> authenticated = SpringBootApp.authenticatedGet(api.resolve("items"), APP);
            softly.assertThat(authenticated.statusCode()).as("authenticated GET").isEqualTo(200);
            softly.assertThat(authenticated.headers().allValues("Access-Control-Allow-Origin")).as("authenticated GET: one ACAO")
                    .containsExactly(APP);
            if (!softly.wasSuccess()) {
                softly.fail(server.describe());
            }
            softly.assertAll();
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
        try (ServerProcess server = SpringBootApp.start(NAME + "-refresh", port, SECURITY.or(MICROPROFILE_CONFIG),
                workDir(YAML + "  refresh-interval: 1s\n"), ENVIRONMENT, Map.of())) {
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

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A working directory whose {@code config/application.yml} Spring Boot reads at start. */
    private static Path workDir(String yaml) {
        Path dir = Modules.tempDir(NAME);
        try {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/application.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
