package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Apache CXF on its Jetty transport. The jar names a CXF bus extension, so the library arrives with
 * the jar; an application that registers {@code new CorsFeature(policy)} itself gets that policy alone.
 */
class CxfJettyIT {

    private static final String MODULE = "cxf-jetty";
    private static final String MAIN = "io.github.jaxrscors.compat.cxf.Main";
    private static final String CODE = "https://code.example.com";
    private static final String REFRESH_THREAD = "jaxrs-cors-refresh";

    @Test
    void dropIn() {
        PlainJvm.assertDropIn("cxf-4.2-jetty", MODULE, MAIN);
    }

    /** Were the drop-in installed beside it, its filter would answer first, with the configured origins. */
    @Test
    void policyRegisteredByHandIsTheOnlyOneInstalled() {
        int port = Ports.free();
        try (ServerProcess server = ServerProcess.start("cxf-4.2-jetty-registered",
                Modules.javaCommand(MODULE, MAIN, Map.of(), Integer.toString(port), "registered"), Modules.dir(MODULE), Map.of())) {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/");
            server.awaitReady(PlainJvm.START, "started http");

            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), CODE, "PUT");
            assertThat(preflight.statusCode()).as("preflight from the origin given in code" + server.describe()).isEqualTo(204);
            assertThat(DropInChecks.header(preflight, "Access-Control-Allow-Origin")).contains(CODE);
            HttpResponse<String> get = DropInChecks.get(api.resolve("items"), CODE);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().allValues("Access-Control-Allow-Origin")).as("one filter, one header").containsExactly(CODE);
            assertThat(DropInChecks.preflight(api.resolve("items/1"), DropInChecks.APP, "PUT").statusCode())
                    .as("the configured origin is not the policy in code").isEqualTo(403);
            assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.APP).statusCode()).isEqualTo(403);
            assertThat(DropInChecks.get(api.resolve("admin"), DropInChecks.ADMIN).statusCode()).as("@Cors still applies").isEqualTo(200);
        }
    }

    /**
     * CXF tells no Jakarta REST provider that a server endpoint stopped: the library hears it from
     * CXF's bus, so that destroying the endpoint ends its refresh thread while the JVM goes on.
     */
    @Test
    void stoppingTheServerEndsTheRefreshThread() {
        int port = Ports.free();
        try (ServerProcess server = ServerProcess.start("cxf-4.2-jetty-refreshing",
                Modules.javaCommand(MODULE, MAIN, Map.of("cors.refresh-interval", "1s"), Integer.toString(port)),
                Modules.dir(MODULE), Map.of())) {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/");
            server.awaitReady(PlainJvm.START, "started http");
            assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.APP).statusCode()).as("serving" + server.describe())
                    .isEqualTo(200);
            assertThat(server.threadsNamed(REFRESH_THREAD)).as("refresh threads while serving").isEqualTo(1);

            server.send("stop");
            assertThat(server.awaitOutput(Duration.ofSeconds(30), "stopped the server endpoint")).as("stopped" + server.describe())
                    .isTrue();
            assertThat(server.threadsNamed(REFRESH_THREAD)).as("refresh threads once the endpoint stopped" + server.describe())
                    .isZero();
        }
    }

    @Test
    void configurationMistakeStopsTheStart() {
        PlainJvm.assertRefusesToStart("cxf-4.2-jetty", MODULE, MAIN);
    }
}
