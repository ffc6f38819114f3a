package io.github.jaxrscors.compat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quarkus with quarkus-rest and {@code quarkus-micrometer-registry-prometheus}: the jar, the
 * configuration and no code, and the library's decisions are on {@code /q/metrics} as
 * {@code cors_requests_total}, one series per kind, outcome, mode, policy and refusal reason.
 */
class QuarkusMicrometerIT {

    private static final String MODULE = "quarkus-rest-micrometer";

    @Test
    void decisionsAreCountedOnTheMetricsEndpoint() {
        int port = Ports.free();
        try (ServerProcess server = ServerProcess.start(MODULE, QuarkusApp.command(MODULE, port), Modules.tempDir(MODULE), Map.of())) {
            server.awaitReady(PlainJvm.START, "Listening on: http://127.0.0.1:" + port);
            URI root = URI.create("http://127.0.0.1:" + port + "/");
            URI api = root.resolve("api/");

            CorsRequestsSeries.assertCounted(api, root.resolve("q/metrics"), server.describe());
        }
    }
}
