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

/**
 * {@code cors_requests_total} on a runtime's Prometheus endpoint: the series a fixed set of requests
 * adds, one per kind, outcome, mode, policy and refusal reason, each by exactly its requests.
 */
final class CorsRequestsSeries {

    /** {@code cors_requests_total{cors_kind="actual",...} 2.0}: the labels, then the value. */
    private static final Pattern SAMPLE = Pattern.compile("^cors_requests_total\\{([^}]*)\\} (\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private CorsRequestsSeries() {
    }

    /**
     * Sends seven requests to the compat application and asserts what they added to the series of
     * {@code metrics}: two allowed GETs, a foreign origin, an allowed and a refused preflight, the
     * partners' policy, and a request without {@code Origin}, which is not counted.
     */
    static void assertCounted(URI api, URI metrics, String describe) {
        Map<Map<String, String>, Double> before = series(scrape(metrics));

        assertThat(DropInChecks.get(api.resolve("items"), APP).statusCode()).isEqualTo(200);
        assertThat(DropInChecks.get(api.resolve("items"), APP).statusCode()).isEqualTo(200);
        assertThat(DropInChecks.get(api.resolve("items"), FOREIGN).statusCode()).isEqualTo(403);
        assertThat(DropInChecks.preflight(api.resolve("items/1"), APP, "PUT").statusCode()).isEqualTo(204);
        assertThat(DropInChecks.preflight(api.resolve("items/1"), APP, "DELETE").statusCode()).isEqualTo(403);
        assertThat(DropInChecks.get(api.resolve("partners"), PARTNER).statusCode()).isEqualTo(200);
        assertThat(Http.send("GET", api.resolve("items"), Map.of()).statusCode()).as("no Origin: not counted").isEqualTo(200);

        String exposition = scrape(metrics);
        Map<Map<String, String>, Double> added = new HashMap<>();
        series(exposition).forEach((labels, value) -> {
            double by = value - before.getOrDefault(labels, 0.0);
            if (by != 0) {
                added.put(labels, by);
            }
        });
        assertThat(added).as("what the requests added to cors_requests_total in\n%s%s", exposition, describe).isEqualTo(Map.of(
                labels("actual", "allowed", "default", null), 2.0,
                labels("actual", "refused", "default", "origin"), 1.0,
                labels("preflight", "allowed", "default", null), 1.0,
                labels("preflight", "refused", "default", "method"), 1.0,
                labels("actual", "allowed", "partners", null), 1.0));
    }

    private static String scrape(URI metrics) {
        HttpResponse<String> response = Http.send("GET", metrics, Map.of("Accept", "text/plain"));
        assertThat(response.statusCode()).as("GET " + metrics).isEqualTo(200);
        return response.body();
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
