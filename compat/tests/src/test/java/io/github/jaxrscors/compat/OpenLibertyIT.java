package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Open Liberty 25 (RESTEasy, its own MicroProfile Config) with the features {@code restfulWS},
 * {@code mpConfig} and {@code cdi}, run as {@code bin/server run}: WARs holding the application and
 * the library alone, dropped into the server's {@code dropins} folder before the start. The server's
 * folders ({@code WLP_USER_DIR}) are made anew for every run; the runtime is shared.
 */
class OpenLibertyIT {

    private static final String RUNTIME = "open-liberty-25";
    private static final String SERVER = "compat";
    /** The variable of {@code server.xml} that the refreshing WAR's configuration reads its origins from. */
    private static final String ORIGINS_VARIABLE = "compat.refreshing.origins";
    private static final String NEW_ORIGIN = "https://new.example.com";
    /** An origin that Liberty's {@code <cors>} allows and the application's configuration does not. */
    private static final String LIBERTY_ORIGIN = "https://other.example.org";
    private static final Duration CHANGE_WAIT = Duration.ofSeconds(30);
    private static final Duration START = Duration.ofSeconds(240);
    private static final List<String> APPLICATIONS = List.of("app", "broken", "plain", "refreshing", "undeployed", "liberty-cors",
            "metered");
    /**
     * MicroProfile Telemetry's switches for one application, in its own configuration: its SDK on
     * (it is off by default), metrics printed into {@code messages.log} every second, nothing else exported.
     */
    private static final String TELEMETRY = """
            otel.sdk.disabled=false
            otel.metrics.exporter=console
            otel.traces.exporter=none
            otel.logs.exporter=none
            otel.metric.export.interval=1000
            """;
    private static final String REFRESH_THREAD = "jaxrs-cors-refresh";

    private static ServerProcess liberty;
    private static Path serverDir;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        Path home = Path.of(System.getProperty("liberty.home"));
        Path script = home.resolve("bin/server");
        if (!Files.isRegularFile(script)) {
            throw new AssertionError(script + " is missing: the tests module unpacks io.openliberty:openliberty-runtime before the tests run");
        }
        Path userDir = Modules.tempDir(RUNTIME + "-");
        serverDir = Files.createDirectories(userDir.resolve("servers").resolve(SERVER));
        Path dropins = Files.createDirectories(serverDir.resolve("dropins"));
        Files.createDirectories(serverDir.resolve("configDropins/overrides"));
        Path war = Modules.target("ee-war", "app.war");
        Files.copy(war, dropins.resolve("app.war"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(war, dropins.resolve("liberty-cors.war"), StandardCopyOption.REPLACE_EXISTING);
        Wars.withBadOrigin(war, dropins.resolve("broken.war"));
        Wars.withoutLibrary(war, dropins.resolve("plain.war"));
        Wars.variant(war, dropins.resolve("refreshing.war"), Map.of(Wars.CONFIG, refreshingConfig()));
        Wars.variant(war, dropins.resolve("undeployed.war"), Map.of(Wars.CONFIG, withRefreshInterval(Wars.config())));
        // Not in dropins: server.xml gives it the class loader visibility that Liberty's OpenTelemetry API needs.
        Wars.variant(war, Files.createDirectories(serverDir.resolve("apps")).resolve("metered.war"),
                Map.of(Wars.CONFIG, Wars.config() + TELEMETRY));
        int port = Ports.free();
        base = URI.create("http://127.0.0.1:" + port + "/");
        Files.writeString(serverDir.resolve("server.xml"), serverXml(port));
        liberty = ServerProcess.start(RUNTIME, List.of(script.toString(), "run", SERVER), userDir,
                Map.of("WLP_USER_DIR", userDir.toString(), "JAVA_HOME", System.getProperty("java.home")));
        liberty.awaitReady(START, "CWWKF0011I");
        // The server may call itself ready before a slow application has started: wait for each.
        for (String application : APPLICATIONS) {
            liberty.awaitReady(START, "CWWKZ0001I: Application " + application + " started",
                    "CWWKZ0002E: An exception occurred while starting the application " + application);
        }
    }

    @AfterAll
    static void stop() {
        if (liberty != null) {
            liberty.close();
        }
    }

    @Test
    void dropIn() {
        DropInChecks.assertDropIn(base.resolve("app/api/"), liberty::describe);
    }

    /**
     * Liberty starts the Jakarta REST servlet at its first request: the application is reported
     * started, and the mistake surfaces as that servlet's failed initialisation, a 500 for every
     * request, logged in the library's words.
     */
    @Test
    void configurationMistakeLeavesTheApplicationAnswering500() {
        assertThat(liberty.output()).as("Liberty reports the application started").contains("CWWKZ0001I: Application broken started");
        int mark = liberty.mark();
        for (int attempt = 1; attempt <= 2; attempt++) {
            HttpResponse<String> get = DropInChecks.get(base.resolve("broken/api/items"), DropInChecks.APP);
            assertThat(get.statusCode()).as("request %d to the broken application%s", attempt, liberty.describe()).isEqualTo(500);
            assertThat(DropInChecks.header(get, "Access-Control-Allow-Origin")).isEmpty();
            HttpResponse<String> preflight = DropInChecks.preflight(base.resolve("broken/api/items/1"), DropInChecks.APP, "PUT");
            assertThat(preflight.statusCode()).as("preflight %d to the broken application", attempt).isEqualTo(500);
            assertThat(DropInChecks.header(preflight, "Access-Control-Allow-Origin")).isEmpty();
        }
        // Every request logs the failed initialisation again: wait until the last of it is written.
        String logged = liberty.outputSince(mark, Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(logged).as("the servlet's failure is logged" + liberty.describe()).contains("SRVE0271E");
        DropInChecks.assertLibraryMessage(logged);
    }

    @Test
    void unmappedException() {
        UnmappedException.assertReadable(RUNTIME, new UnmappedException.Deployment(base.resolve("app/api/"), liberty, "app"),
                new UnmappedException.Deployment(base.resolve("plain/api/"), liberty, "plain"));
    }

    /**
     * An operator sets a {@code server.xml} variable on the running server (a file in
     * {@code configDropins/overrides}): Liberty hands it to MicroProfile Config without restarting the
     * application, and {@code cors.refresh-interval} picks it up.
     */
    @Test
    void refreshFollowsAServerVariable() throws Exception {
        URI api = base.resolve("refreshing/api/");
        assertThat(DropInChecks.get(api.resolve("items"), NEW_ORIGIN).statusCode()).as("before the change" + liberty.describe())
                .isEqualTo(403);
        int mark = liberty.mark();

        Path next = serverDir.resolve("cors-origins.xml.next");
        Files.writeString(next, "<server>\n  <variable name=\"" + ORIGINS_VARIABLE + "\" value=\"" + NEW_ORIGIN + "\"/>\n</server>\n");
        Files.move(next, serverDir.resolve("configDropins/overrides/cors-origins.xml"), StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + CHANGE_WAIT.toNanos();
        HttpResponse<String> changed;
        while ((changed = DropInChecks.get(api.resolve("items"), NEW_ORIGIN)).statusCode() != 200) {
            assertThat(System.nanoTime()).as("new origin allowed within %s%s", CHANGE_WAIT, liberty.describe()).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(DropInChecks.header(changed, "Access-Control-Allow-Origin")).contains(NEW_ORIGIN);
        assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.APP).statusCode()).as("the old origin, after the change")
                .isEqualTo(403);
        assertThat(DropInChecks.get(base.resolve("app/api/items"), NEW_ORIGIN).statusCode())
                .as("another application on the server keeps its own configuration").isEqualTo(403);
        String logged = liberty.outputSince(mark, Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(logged).as("Liberty updated its configuration and left the application running")
                .contains("CWWKG0017I").doesNotContain("CWWKZ0003I", "CWWKZ0009I");
    }

    /**
     * Removing a WAR from {@code dropins} undeploys it. Liberty tells no provider that the application
     * stops, but it closes the application's class loader: the refresh that follows finds the
     * library's classes gone, and its thread ends rather than idling on, pinning the loader.
     */
    @Test
    void undeployingEndsTheRefreshThread() throws Exception {
        // Liberty starts an application's Jakarta REST servlet, and with it the library, at the first request.
        assertThat(DropInChecks.get(base.resolve("undeployed/api/items"), DropInChecks.APP).statusCode())
                .as("the application to undeploy serves" + liberty.describe()).isEqualTo(200);
        DropInChecks.get(base.resolve("refreshing/api/items"), DropInChecks.APP);
        // Refreshes run before the undeployment, as in any application that ran for a while: the
        // classes they need are loaded, and none has to fail to load for the thread to end.
        Thread.sleep(3_000);
        assertThat(liberty.threadsNamed(REFRESH_THREAD)).as("refresh threads of the two refreshing applications").isEqualTo(2);

        int mark = liberty.mark();
        Files.delete(serverDir.resolve("dropins/undeployed.war"));
        assertThat(liberty.awaitOutput(Duration.ofSeconds(60), "CWWKZ0009I: The application undeployed has stopped successfully"))
                .as("undeployed" + liberty.describe()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (liberty.threadsNamed(REFRESH_THREAD) != 1 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(liberty.threadsNamed(REFRESH_THREAD)).as("refresh threads once one application is undeployed"
                + liberty.outputSince(mark, Duration.ZERO, Duration.ZERO)).isEqualTo(1);
        // Liberty's console shows AUDIT and above; the library's INFO line is in messages.log.
        assertThat(Files.readString(serverDir.resolve("logs/messages.log")))
                .as("the library says why its refresh ended").contains("CORS configuration refresh ended")
                .as("and no refresh tried to load a class from the closed loader").doesNotContain("CWWKL0002E");
        assertThat(DropInChecks.get(base.resolve("undeployed/api/items"), DropInChecks.APP).statusCode()).isEqualTo(404);
    }

    /**
     * Liberty's own {@code <cors>} for the application's paths, beside the library. Liberty's web
     * container answers every preflight from the origins it lists itself, before the application (so
     * neither the configured policy nor {@code @Cors} is asked), and adds its
     * {@code Access-Control-Allow-Origin} to the library's refusals of the actual requests that follow;
     * origins it does not list reach the library. docs/runtimes.md says to leave it out.
     */
    @Test
    void libertysCorsElementAnswersBeforeTheLibrary() {
        URI api = base.resolve("liberty-cors/api/");

        HttpResponse<String> refusedByCors = DropInChecks.preflight(api.resolve("admin/1"), DropInChecks.APP, "PUT");
        assertThat(refusedByCors.statusCode()).as("a preflight that @Cors refuses, answered by Liberty" + liberty.describe())
                .isEqualTo(200);
        assertThat(DropInChecks.header(refusedByCors, "Access-Control-Allow-Origin")).contains(DropInChecks.APP);
        assertThat(DropInChecks.header(refusedByCors, "Access-Control-Max-Age")).as("Liberty's max-age, not the library's")
                .contains("3600");
        assertThat(DropInChecks.header(refusedByCors, "Vary")).as("the library, which always adds Vary, never saw it").isEmpty();

        HttpResponse<String> libertyPreflight = DropInChecks.preflight(api.resolve("items/1"), LIBERTY_ORIGIN, "PUT");
        assertThat(libertyPreflight.statusCode()).as("a preflight from an origin only Liberty allows").isEqualTo(200);
        assertThat(DropInChecks.header(libertyPreflight, "Access-Control-Allow-Origin")).contains(LIBERTY_ORIGIN);

        HttpResponse<String> libertyGet = DropInChecks.get(api.resolve("items"), LIBERTY_ORIGIN);
        assertThat(libertyGet.statusCode()).as("the library still refuses the actual request").isEqualTo(403);
        assertThat(DropInChecks.header(libertyGet, "Access-Control-Allow-Origin")).as("with Liberty's header on its refusal")
                .contains(LIBERTY_ORIGIN);

        HttpResponse<String> foreign = DropInChecks.preflight(api.resolve("items/1"), DropInChecks.FOREIGN, "PUT");
        assertThat(foreign.statusCode()).as("an origin Liberty does not list reaches the library").isEqualTo(403);
        assertThat(DropInChecks.header(foreign, "Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("Access-Control-Request-Method"));
    }

    /**
     * With MicroProfile Telemetry ({@code mpTelemetry-2.0}) and an application allowed to see Liberty's
     * OpenTelemetry API ({@code <classloader apiTypeVisibility="+third-party"/>}, as any application that
     * uses that API needs), the library counts into the runtime's OpenTelemetry, under the contract's
     * attribute names; the console exporter prints every metric into {@code messages.log} each second.
     */
    @Test
    void decisionsAreCountedIntoMicroProfileTelemetry() throws Exception {
        URI api = base.resolve("metered/api/");
        assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.APP).statusCode()).isEqualTo(200);
        assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.APP).statusCode()).isEqualTo(200);
        assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.FOREIGN).statusCode()).isEqualTo(403);

        String allowed = "attributes={cors.kind=\"actual\", cors.mode=\"enforce\", cors.outcome=\"allowed\", cors.policy=\"default\"}, value=2,";
        String refused = "attributes={cors.kind=\"actual\", cors.mode=\"enforce\", cors.outcome=\"refused\", cors.policy=\"default\", "
                + "cors.reason=\"origin\"}, value=1,";
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String exported = "";
        while (!(exported.contains(allowed) && exported.contains(refused)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            exported = Files.readString(serverDir.resolve("logs/messages.log")).lines()
                    .filter(line -> line.contains("name=cors.requests,")).reduce((first, last) -> last).orElse("");
        }
        assertThat(exported).as("the last export of cors.requests in messages.log").contains(allowed, refused)
                .contains("description=CORS requests and preflights decided", "type=LONG_SUM", "monotonic=true");
    }

    private static String serverXml(int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <server>
                  <featureManager>
                    <feature>restfulWS-3.1</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>cdi-4.0</feature>
                    <feature>mpTelemetry-2.0</feature>
                  </featureManager>
                  <!-- An application that uses Liberty's OpenTelemetry API must be let see it (decisionsAreCountedIntoMicroProfileTelemetry). -->
                  <webApplication id="metered" location="metered.war" contextRoot="metered">
                    <classloader apiTypeVisibility="+third-party"/>
                  </webApplication>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                  <!-- Liberty's own CORS, on one application's paths only (libertysCorsElementAnswersBeforeTheLibrary). -->
                  <cors domain="/liberty-cors/api" allowedOrigins="%s, %s" allowedMethods="GET, PUT" maxAge="3600"/>
                </server>
                """.formatted(port, DropInChecks.APP, LIBERTY_ORIGIN);
    }

    /** A configuration re-read every second. */
    private static String withRefreshInterval(String config) {
        String refreshing = config.replace("cors.allowed-origins=https://app.example.com\n",
                "cors.allowed-origins=https://app.example.com\ncors.refresh-interval=1s\n");
        if (refreshing.equals(config)) {
            throw new AssertionError("the configuration no longer has the line the refreshing variants edit");
        }
        return refreshing;
    }

    /** The compat application's configuration, its default origins read from a server variable. */
    private static String refreshingConfig() {
        String config = Wars.config();
        String refreshing = config.replace("cors.allowed-origins=https://app.example.com\n",
                "cors.allowed-origins=${" + ORIGINS_VARIABLE + ":https://app.example.com}\ncors.refresh-interval=1s\n");
        if (refreshing.equals(config)) {
            throw new AssertionError("the configuration no longer has the line the refreshing variant edits");
        }
        return refreshing;
    }
}
