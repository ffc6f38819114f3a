package io.github.jaxrscors.runtime.micrometer;

import static io.github.jaxrscors.testing.CountedRequests.APP;
import static io.github.jaxrscors.testing.CountedRequests.FOREIGN;
import static io.github.jaxrscors.testing.CountedRequests.grown;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.CountedRequests;
import io.github.jaxrscors.testing.CountedRequests.Case;
import io.github.jaxrscors.testing.CountedRequests.Series;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.jersey.server.ApplicationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cors.requests} in a Micrometer registry added to {@code Metrics.globalRegistry}, as Spring
 * Boot and Quarkus add theirs, counted from real requests to a Jersey server with no code but its
 * configuration. Each request must add exactly 1 to exactly its series, or nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicrometerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestServer server;

    @BeforeAll
    void start() {
        Metrics.addRegistry(registry);
        server = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of()));
    }

    @AfterAll
    void stop() {
        server.close();
        Metrics.removeRegistry(registry);
        registry.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.jaxrscors.testing.CountedRequests#cases")
    void countsEachDecisionInItsSeries(Case request) {
        Map<Map<String, String>, Long> before = series();

        Reply reply = request.send(server);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(request.status());
        assertThat(grown(before, series())).isEqualTo(request.counted() == null ? Map.of() : Map.of(tags(request.counted()), 1L));
    }

    @Test
    void aFailedDeploymentCountsItsRefusalsAsNotDeployed() throws Exception {
        ApplicationHandler app = CountedRequests.failedDeployment();
        Map<Map<String, String>, Long> before = series();

        assertThat(CountedRequests.status(app, "GET", "stores/1", "Origin", APP)).isEqualTo(403);
        assertThat(CountedRequests.status(app, "OPTIONS", "stores/1", "Origin", APP, "Access-Control-Request-Method", "GET"))
                .isEqualTo(403);
        assertThat(CountedRequests.status(app, "GET", "stores/1")).as("not a CORS request").isEqualTo(200);

        assertThat(grown(before, series())).isEqualTo(Map.of(
                tags(new Series("actual", "refused", "enforce", "none", "not_deployed")), 1L,
                tags(new Series("preflight", "refused", "enforce", "none", "not_deployed")), 1L));
    }

    @Test
    void theDefaultPolicyInReportOnlyIsCountedAsSuch() {
        try (TestServer reportOnly = TestServer.start(CountedRequests.application(),
                CountedRequests.config(Map.of("cors.report-only", "true")))) {
            Map<Map<String, String>, Long> before = series();

            assertThat(reportOnly.send("GET", "items", "Origin", FOREIGN).status()).isEqualTo(200);
            assertThat(reportOnly.send("GET", "items", "Origin", APP).status()).isEqualTo(200);

            assertThat(grown(before, series())).isEqualTo(Map.of(
                    tags(new Series("actual", "refused", "report_only", "default", "origin")), 1L,
                    tags(new Series("actual", "allowed", "report_only", "default", null)), 1L));
        }
    }

    @Test
    void metricsOffCountsNothingThatWouldOtherwiseBeCounted() {
        Map<Map<String, String>, Long> expected = new HashMap<>();
        CountedRequests.countedCases().forEach(request -> expected.merge(tags(request.counted()), 1L, Long::sum));

        Map<Map<String, String>, Long> beforeOff = series();
        try (TestServer off = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of("cors.metrics", "false")))) {
            CountedRequests.countedCases().forEach(request -> assertThat(request.send(off).status()).isEqualTo(request.status()));
        }
        assertThat(grown(beforeOff, series())).as("with cors.metrics=false").isEmpty();

        Map<Map<String, String>, Long> beforeOn = series();
        CountedRequests.countedCases().forEach(request -> request.send(server));
        assertThat(grown(beforeOn, series())).as("the same requests with metrics on").isEqualTo(expected);
    }

    @Test
    void countersTheRuntimeDroppedComeBackAtTheNextDeployment() {
        server.send("GET", "items", "Origin", APP);
        Map<Map<String, String>, Long> counted = series();
        // As Quarkus's dev mode does when it restarts the application, and the library's jar stays loaded.
        Metrics.globalRegistry.find("cors.requests").meters().forEach(Metrics.globalRegistry::remove);
        assertThat(series()).isEmpty();

        try (TestServer restarted = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of()))) {
            assertThat(series()).as("every series, with its count so far").isEqualTo(counted);
        }
    }

    private Map<Map<String, String>, Long> series() {
        return series(registry);
    }

    /** Every series of the counter in {@code registry}, by its tags. */
    static Map<Map<String, String>, Long> series(MeterRegistry registry) {
        Map<Map<String, String>, Long> series = new HashMap<>();
        for (FunctionCounter counter : registry.find("cors.requests").functionCounters()) {
            Map<String, String> tags = new LinkedHashMap<>();
            counter.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
            series.put(tags, (long) counter.count());
        }
        return series;
    }

    /** The tags of a series: {@code cors.reason} is on every series, empty but for refusals. */
    private static Map<String, String> tags(Series series) {
        return CountedRequests.attributes(series, "");
    }
}
