package io.github.jaxrscors.compat;

import static io.github.jaxrscors.compat.DropInChecks.ADMIN;
import static io.github.jaxrscors.compat.DropInChecks.APP;
import static io.github.jaxrscors.compat.DropInChecks.FOREIGN;
import static io.github.jaxrscors.compat.DropInChecks.header;
import static io.github.jaxrscors.compat.DropwizardApp.JETTY_ONLY;
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
 * Dropwizard 4.0 (Jersey 3.0 = Jakarta REST 3.0, Jetty 11) with the library as a Dropwizard user
 * sets it up: the dependency, {@code bootstrap.addBundle(new CorsBundle())}, and a {@code cors:}
 * block in the service's YAML, with {@code ${VAR}} substitution; no MicroProfile Config.
 */
class DropwizardIT {

    private static final String NAME = "dropwizard-4";
    private static final String CORS = """
            cors:
              allowed-origins: ${APP_ORIGIN}
              allowed-methods: [PUT]
              policy:
                partners:
                  allowed-origins: https://partner.example.net
            """;
    private static final Map<String, String> ENVIRONMENT = Map.of("APP_ORIGIN", APP);

    /**
     * The drop-in checks, and the 500 of a failing resource against the same service without the
     * library (and without its {@code cors:} block): Dropwizard's own {@code LoggingExceptionMapper}
     * maps every exception to a JSON 500, which passes the response filters.
     */
    @Test
    void dropIn() {
        int port = Ports.free();
        int plainPort = Ports.free();
        try (ServerProcess server = start(NAME, DropwizardApp.yaml(port) + CORS, Map.of());
                ServerProcess plain = DropwizardApp.start(NAME + "-without-library", DropwizardApp.yaml(plainPort),
                        jar -> jar.startsWith("jaxrs-cors"), Map.of(), Map.of())) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            plain.awaitReady(PlainJvm.START, DropwizardApp.ready(plainPort));
            DropInChecks.assertDropIn(DropwizardApp.api(port), server::describe);
            UnmappedException.assertReadable(NAME, new UnmappedException.Deployment(DropwizardApp.api(port), server, null),
                    new UnmappedException.Deployment(DropwizardApp.api(plainPort), plain, null));
        }
    }

    /** Jersey's servlet starts with Jetty: the mistake stops the start ("Unable to start server, shutting down"). */
    @Test
    void configurationMistakeStopsTheStart() {
        try (ServerProcess server = DropwizardApp.start(NAME + "-bad-config", DropwizardApp.yaml(Ports.free()) + CORS, Modules.NOTHING,
                Map.of(), Map.of("APP_ORIGIN", Modules.BAD_ORIGIN))) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the service stops instead of serving" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).as("exit status" + server.describe()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
            assertThat(server.output()).contains("Unable to start server, shutting down");
        }
    }

    /**
     * Contract 4: {@code Vary} on every response that depends on the origin, refusals included. The
     * library's refusals carry an empty body of their own, so Jersey writes them itself rather than
     * through {@code sendError}, whose Jetty error page would drop {@code Vary} with the content headers.
     */
    @Test
    void refusalsKeepVary() {
        int port = Ports.free();
        try (ServerProcess server = start(NAME + "-refusals", DropwizardApp.yaml(port) + CORS, Map.of())) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            URI api = DropwizardApp.api(port);
            SoftAssertions softly = new SoftAssertions();
            HttpResponse<String> refused = DropInChecks.get(api.resolve("items"), FOREIGN);
            softly.assertThat(refused.statusCode()).isEqualTo(403);
            softly.assertThat(header(refused, "Vary")).as("Vary of the refused GET").hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));
            softly.assertThat(header(refused, "Content-Type")).as("the library's body, not Jetty's page")
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            softly.assertThat(refused.body()).isEmpty();
            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), FOREIGN, "PUT");
            softly.assertThat(preflight.statusCode()).isEqualTo(403);
            softly.assertThat(header(preflight, "Vary")).as("Vary of the refused preflight")
                    .hasValueSatisfying(vary -> assertThat(vary).contains("Origin", "Access-Control-Request-Method"));
            if (!softly.wasSuccess()) {
                softly.fail(server.describe());
            }
            softly.assertAll();
        }
    }

    /**
     * Jetty's {@code CrossOriginFilter} registered beside the library would widen the policy (by
     * hand, with its defaults: {@code Access-Control-Allow-Credentials: true} on the library's
     * answers, its {@code Access-Control-Allow-Origin} on the library's refusals): the service must
     * not start, and says why.
     */
    @Test
    void jettyCrossOriginFilterIsRefusedAtStartup() {
        int port = Ports.free();
        try (ServerProcess server = start(NAME + "-cross-origin-filter", DropwizardApp.yaml(port) + CORS,
                Map.of("compat.jetty-cross-origin-filter", "true"))) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(server.output()).as("the service must not serve" + server.describe()).doesNotContain(DropwizardApp.ready(port));
            assertThat(exit).as("the service stops" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(server.output()).contains("Jetty's CrossOriginFilter (filter 'jetty-cross-origin')", "enabled: false",
                    "Unable to start server, shutting down");
        }
    }

    /** The fix the refusal offers for a service that keeps Jetty's filter: with {@code enabled: false}, the filter alone answers. */
    @Test
    void jettyCrossOriginFilterAloneWithTheLibraryOff() {
        int port = Ports.free();
        try (ServerProcess server = start(NAME + "-cross-origin-filter-alone", DropwizardApp.yaml(port) + CORS + "  enabled: false\n",
                Map.of("compat.jetty-cross-origin-filter", "true"))) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            URI api = DropwizardApp.api(port);
            HttpResponse<String> jettyOnly = DropInChecks.get(api.resolve("items"), JETTY_ONLY);
            assertThat(jettyOnly.statusCode()).as("the library refuses nothing" + server.describe()).isEqualTo(200);
            assertThat(header(jettyOnly, "Access-Control-Allow-Origin")).contains(JETTY_ONLY);
            assertThat(DropInChecks.get(api.resolve("admin"), APP).statusCode()).as("@Cors does not apply either").isEqualTo(200);
        }
    }

    /**
     * With {@code cors.refresh-interval}, the bundle reads the service's YAML again as Dropwizard
     * read it at start: a changed {@code cors:} block applies without a restart, and a file
     * Dropwizard would refuse leaves the policy in use.
     */
    @Test
    void refreshIntervalReadsTheYamlAgain() throws IOException {
        int port = Ports.free();
        String yaml = DropwizardApp.yaml(port) + CORS + "  refresh-interval: 1s\n";
        Path dir = Modules.tempDir(NAME + "-refresh");
        try (ServerProcess server = DropwizardApp.start(NAME + "-refresh", dir, yaml, Modules.NOTHING, Map.of(), ENVIRONMENT)) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            URI items = DropwizardApp.api(port).resolve("items");
            String newOrigin = "https://new.example.com";
            assertThat(DropInChecks.get(items, newOrigin).statusCode()).as("before the change" + server.describe()).isEqualTo(403);

            rewrite(dir, (yaml + "logging: {level: [not, a, level]}\n").replace("${APP_ORIGIN}", newOrigin));
            assertThat(server.awaitOutput(Duration.ofSeconds(15), "could not be read again"))
                    .as("a file Dropwizard refuses is reported" + server.describe()).isTrue();
            assertThat(DropInChecks.get(items, APP).statusCode()).as("... and the policy in use stays").isEqualTo(200);

            rewrite(dir, yaml.replace("${APP_ORIGIN}", newOrigin));
            HttpResponse<String> response = awaitStatus(items, newOrigin, 200);
            assertThat(response.statusCode()).as("the new origin after the refresh" + server.describe()).isEqualTo(200);
            assertThat(header(response, "Access-Control-Allow-Origin")).contains(newOrigin);
            assertThat(DropInChecks.get(items, APP).statusCode()).as("the old origin").isEqualTo(403);
            assertThat(DropInChecks.get(DropwizardApp.api(port).resolve("admin"), ADMIN).statusCode()).as("@Cors still applies").isEqualTo(200);
        }
    }

    private static HttpResponse<String> awaitStatus(URI uri, String origin, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> response;
        do {
            response = DropInChecks.get(uri, origin);
        } while (response.statusCode() != status && System.nanoTime() < deadline && pause());
        return response;
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

    /** Replaces the file in one move, so that the service never reads half of it. */
    private static void rewrite(Path dir, String yaml) {
        try {
            Path next = Files.writeString(dir.resolve("config.yml.next"), yaml);
            Files.move(next, dir.resolve("config.yml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerProcess start(String name, String yaml, Map<String, String> systemProperties) {
        return DropwizardApp.start(name, yaml, Modules.NOTHING, systemProperties, ENVIRONMENT);
    }
}
