package io.github.jaxrscors.compat;

import static io.github.jaxrscors.compat.DropInChecks.APP;
import static io.github.jaxrscors.compat.DropInChecks.FOREIGN;
import static io.github.jaxrscors.compat.DropInChecks.PARTNER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Quarkus with quarkus-rest and {@code quarkus-micrometer-registry-prometheus}: the jar, the
 * configuration and no code, and the library's decisions are on {@code /q/metrics} as
 * {@code cors_requests_total}, one series per kind, outcome, mode, policy and refusal reason.
 */
class QuarkusMicrometerIT {

    private static final String MODULE = "quarkus-rest-micrometer";
    /** {@code cors_requests_total{cors_kind="actual",...} 2.0}: the labels, then the value. */
    private static final Pattern SAMPLE = Pattern.compile("^cors_requests_total\\{([^}]*)\\} (\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Test
    void decisionsAreCountedOnTheMetricsEndpoint() {
        int port = Ports.free();
        try (ServerProcess server = ServerProcess.start(MODULE, QuarkusApp.command(MODULE, port), Modules.tempDir(MODULE), Map.of())) {
            server.awaitReady(PlainJvm.START, "Listening on: http://127.0.0.1:" + port);
            URI root = URI.create("http://127.0.0.1:" + port + "/");
            URI api = root.resolve("api/");

            assertThat(DropInChecks.get(api.resolve("items"), APP).statusCode()).isEqualTo(200);
            assertThat(DropInChecks.get(api.resolve("items"), APP).statusCode()).isEqualTo(200);
            assertThat(DropInChecks.get(api.resolve("items"), FOREIGN).statusCode()).isEqualTo(403);
            assertThat(DropInChecks.preflight(api.resolve("items/1"), APP, "PUT").statusCode()).isEqualTo(204);
            assertThat(DropInChecks.preflight(api.resolve("items/1"), APP, "DELETE").statusCode()).isEqualTo(403);
            assertThat(DropInChecks.get(api.resolve("partners"), PARTNER).statusCode()).isEqualTo(200);
            assertThat(Http.send("GET", api.resolve("items"), Map.of()).statusCode()).as("no Origin: not counted").isEqualTo(200);

            HttpResponse<String> metrics = Http.send("GET", root.resolve("q/metrics"), Map.of());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(series(metrics.body())).as("cors_requests_total in\n%s%s", metrics.body(), server.describe()).isEqualTo(Map.of(
                    labels("actual", "allowed", "default", null), 2.0,
                    labels("actual", "refused", "default", "origin"), 1.0,
                    labels("preflight", "allowed", "default", null), 1.0,
                    labels("preflight", "refused", "default", "method"), 1.0,
                    labels("actual", "allowed", "partners", null), 1.0));
        }
    }

    /**
     * Every {@code cors_requests_total} sample by its labels. A label with an empty value is left
     * out, as Prometheus reads it: the same as an absent label.
     */
    private static Map<Map<String, String>, Double> series(String exposition) {
        Map<Map<String, String>, Double> series = new HashMap<>();
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                if (!label.group(2).isEmpty()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.put(labels, Double.parseDouble(sample.group(2)));
        }
        return series;
    }

    private static Map<String, String> labels(String kind, String outcome, String policy, String reason) {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("cors_kind", kind, "cors_outcome", outcome, "cors_mode", "enforce",
                "cors_policy", policy));
        if (reason != null) {
            labels.put("cors_reason", reason);
        }
        return labels;
    }
}
