package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Helidon MP 4.1 with its full bundle (Jersey, Weld, its own MicroProfile Config, OpenAPI, health,
 * metrics, security), started as {@code java -cp <classes and dependencies> io.helidon.microprofile.cdi.Main}
 * on Java 21 or newer: the library's jar alone, its keys in {@code META-INF/microprofile-config.properties}.
 * An operator changes a running server's configuration in a file of their own, which Helidon's
 * meta-configuration ({@code mp-meta-config.yaml} in the working folder) adds as a polled source.
 */
class HelidonMpIT {

    private static final String MODULE = "helidon-mp";
    private static final String MAIN = "io.helidon.microprofile.cdi.Main";
    private static final String RUNTIME = "helidon-mp-4.1";
    private static final Duration START = Duration.ofSeconds(120);
    private static final String STARTED = "Server started on";
    private static final String NEW_ORIGIN = "https://new.example.com";
    private static final Duration CHANGE_WAIT = Duration.ofSeconds(30);

    /** Helidon's own switches for polling a properties file that its meta-configuration names. */
    private static final String POLLING = "helidon.config.polling.enabled=true\nhelidon.config.polling.duration=PT1S\n";

    private static ServerProcess helidon;
    private static ServerProcess plain;
    private static URI api;
    private static URI plainApi;
    private static Path operatorFile;

    @BeforeAll
    static void start() throws IOException {
        Path work = Modules.tempDir(RUNTIME + "-");
        operatorFile = work.resolve("cors.properties");
        Files.writeString(work.resolve("mp-meta-config.yaml"), """
                add-default-sources: true
                add-discovered-sources: true
                add-discovered-converters: true
                sources:
                  - type: "properties"
                    path: "cors.properties"
                    ordinal: 200
                """);
        writeOperatorFile("cors.refresh-interval=1s\n");
        int port = Ports.free();
        int plainPort = Ports.free();
        api = URI.create("http://127.0.0.1:" + port + "/api/");
        plainApi = URI.create("http://127.0.0.1:" + plainPort + "/api/");
        helidon = ServerProcess.start(RUNTIME, command(true, port, Map.of()), work, Map.of());
        plain = ServerProcess.start(RUNTIME + "-without-library", command(false, plainPort, Map.of()),
                Modules.tempDir(RUNTIME + "-without-library-"), Map.of());
        helidon.awaitReady(START, STARTED);
        plain.awaitReady(START, STARTED);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess server : new ServerProcess[] {helidon, plain}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void dropIn() {
        assertThat(helidon.awaitExit(Duration.ofSeconds(2))).as("Helidon keeps serving after it started: it stops when its "
                + "OpenAPI scan cannot read a Jandex index of the class path" + helidon.describe()).isEmpty();
        DropInChecks.assertDropIn(api, helidon::describe);
    }

    /**
     * Helidon copies every meter of Micrometer's global registry, where the library counts its
     * decisions, into MicroProfile Metrics, whose tag names cannot hold the dots of {@code cors.kind}:
     * the library counts under {@code cors_kind} and the others instead, which Helidon's Prometheus
     * endpoint shows as any runtime's, and the log says so once.
     */
    @Test
    void decisionsAreCountedOnTheMetricsEndpoint() {
        CorsRequestsSeries.assertCounted(api, api.resolve("/metrics"), helidon.describe());
        assertThat(helidon.output()).as("the server's output" + helidon.describe())
                .containsOnlyOnce("CORS decisions are counted in Micrometer as cors.requests with the tag names cors_kind, "
                        + "cors_outcome, cors_mode, cors_policy, cors_reason: its registry refused the dotted ones")
                .doesNotContain("CORS decisions may be missing from Micrometer");
    }

    @Test
    void unmappedException() {
        UnmappedException.assertReadable(RUNTIME, new UnmappedException.Deployment(api, helidon, null),
                new UnmappedException.Deployment(plainApi, plain, null));
    }

    /** The operator adds an origin to their file: Helidon reads the file again, the library's refresh follows. */
    @Test
    void refreshFollowsTheOperatorsFile() throws Exception {
        assertThat(DropInChecks.get(api.resolve("items"), NEW_ORIGIN).statusCode()).as("before the change").isEqualTo(403);
        int mark = helidon.mark();

        writeOperatorFile("cors.refresh-interval=1s\ncors.allowed-origins=" + DropInChecks.APP + ", " + NEW_ORIGIN + "\n");
        long deadline = System.nanoTime() + CHANGE_WAIT.toNanos();
        HttpResponse<String> changed;
        while ((changed = DropInChecks.get(api.resolve("items"), NEW_ORIGIN)).statusCode() != 200) {
            assertThat(System.nanoTime()).as("new origin allowed within %s%s", CHANGE_WAIT, helidon.describe()).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(DropInChecks.header(changed, "Access-Control-Allow-Origin")).contains(NEW_ORIGIN);
        assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.FOREIGN).statusCode()).as("a foreign origin, after the change")
                .isEqualTo(403);
        String logged = helidon.outputSince(mark, Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(logged).as("the library's refresh took the change, and Helidon did not restart")
                .contains("CORS configuration changed").doesNotContain(STARTED);
    }

    /** The mistake as a system property, which overrides the application's file: Helidon must not start. */
    @Test
    void configurationMistakeStopsTheStart() {
        try (ServerProcess server = ServerProcess.start(RUNTIME + "-bad-config",
                command(true, Ports.free(), Map.of("cors.allowed-origins", Modules.BAD_ORIGIN)), Modules.tempDir(RUNTIME + "-bad-config-"),
                Map.of())) {
            assertStopped(server);
            DropInChecks.assertLibraryMessage(server.output());
        }
    }

    /**
     * A Helidon CORS user's configuration ({@code cors.paths.N.*}, which {@code helidon-microprofile-cors}
     * and Helidon's CORS feature read) beside the library: refused, since the library reads the same
     * {@code cors} keys and these are none of its own.
     */
    @Test
    void helidonsCorsKeysStopTheStart() {
        Map<String, String> helidonCors = new LinkedHashMap<>();
        helidonCors.put("cors.paths.0.path-pattern", "/api/items");
        helidonCors.put("cors.paths.0.allow-origins", DropInChecks.APP);
        try (ServerProcess server = ServerProcess.start(RUNTIME + "-helidon-cors-keys", command(true, Ports.free(), helidonCors),
                Modules.tempDir(RUNTIME + "-helidon-cors-keys-"), Map.of())) {
            assertStopped(server);
            assertThat(server.output()).as("the library names Helidon's keys" + server.describe())
                    .contains("Invalid CORS configuration", "cors.paths.0.allow-origins", "cors.paths.0.path-pattern",
                            "Helidon's CORS configuration");
        }
    }

    /**
     * Helidon's CORS feature ({@code server.features.cors}, part of every MP bundle) switched on beside
     * the library. It would run in Helidon's routing, before Jersey, read the library's {@code cors}
     * node as its own policy (in which no {@code cors.allow-origins} means every origin), answer
     * every preflight itself and put its {@code Access-Control-Allow-Origin: *} on the library's
     * refusals. So the library refuses to start beside it, naming the switch.
     */
    @Test
    void helidonsCorsFeatureStopsTheStart() {
        try (ServerProcess server = ServerProcess.start(RUNTIME + "-cors-feature",
                command(true, Ports.free(), Map.of("server.features.cors.enabled", "true")), Modules.tempDir(RUNTIME + "-cors-feature-"), Map.of())) {
            assertStopped(server);
            assertThat(server.output()).as("the library names the switch" + server.describe())
                    .contains("Invalid CORS configuration", "server.features.cors.enabled", "Helidon's CORS feature");
        }
    }

    private static void assertStopped(ServerProcess server) {
        OptionalInt exit = server.awaitExit(START);
        assertThat(exit).as("Helidon stops instead of serving" + server.describe()).isPresent();
        assertThat(exit.getAsInt()).as("exit status" + server.describe()).isNotZero();
        assertThat(server.output()).as("Helidon never served").doesNotContain(STARTED);
    }

    private static List<String> command(boolean withLibrary, int port, Map<String, String> configuration) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.host", "127.0.0.1");
        properties.put("server.port", Integer.toString(port));
        properties.putAll(configuration);
        return Modules.javaCommand(Modules.java21("Helidon MP 4"), MODULE, withLibrary, MAIN, properties);
    }

    /** Replaced whole, as an editor saves it, so that a poll never reads half a file. */
    private static void writeOperatorFile(String corsKeys) {
        try {
            Path next = operatorFile.resolveSibling("cors.properties.next");
            Files.writeString(next, POLLING + corsKeys);
            Files.move(next, operatorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
