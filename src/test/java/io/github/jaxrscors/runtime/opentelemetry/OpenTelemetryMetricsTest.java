package io.github.jaxrscors.runtime.opentelemetry;

import static io.github.jaxrscors.testing.CountedRequests.APP;
import static io.github.jaxrscors.testing.CountedRequests.FOREIGN;
import static io.github.jaxrscors.testing.CountedRequests.grown;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.CountedRequests;
import io.github.jaxrscors.testing.CountedRequests.Case;
import io.github.jaxrscors.testing.CountedRequests.Series;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ApplicationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cors.requests} read by the OpenTelemetry SDK, registered as {@code GlobalOpenTelemetry} as
 * an application or the Java agent registers it, counted from real requests to a Jersey server
 * with no code but its configuration. Each request must add exactly 1 to exactly its series, or nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenTelemetryMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private OpenTelemetrySdk sdk;
    private TestServer server;

    @BeforeAll
    void start() {
        GlobalOpenTelemetry.resetForTest();
        sdk = OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
        GlobalOpenTelemetry.set(sdk);
        server = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of()));
    }

    @AfterAll
    void stop() {
        server.close();
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.jaxrscors.testing.CountedRequests#cases")
    void countsEachDecisionInItsSeries(Case request) {
        Map<Map<String, String>, Long> before = series(reader);

        Reply reply = request.send(server);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(request.status());
        assertThat(grown(before, series(reader))).isEqualTo(
                request.counted() == null ? Map.of() : Map.of(attributes(request.counted()), 1L));
    }

    @Test
    void oneMonotonicCounterInTheLibrarysScope() {
        server.send("GET", "items", "Origin", APP);

        List<MetricData> counters = reader.collectAllMetrics().stream().filter(m -> m.getName().equals("cors.requests")).toList();

        assertThat(counters).singleElement().satisfies(counter -> {
            assertThat(counter.getType()).isEqualTo(MetricDataType.LONG_SUM);
            assertThat(counter.getLongSumData().isMonotonic()).isTrue();
            assertThat(counter.getInstrumentationScopeInfo().getName()).isEqualTo("io.github.jaxrscors");
            assertThat(counter.getUnit()).isEqualTo("{request}");
        });
    }

    @Test
    void aFailedDeploymentCountsItsRefusalsAsNotDeployed() throws Exception {
        ApplicationHandler app = CountedRequests.failedDeployment();
        Map<Map<String, String>, Long> before = series(reader);

        assertThat(CountedRequests.status(app, "GET", "stores/1", "Origin", APP)).isEqualTo(403);
        assertThat(CountedRequests.status(app, "OPTIONS", "stores/1", "Origin", APP, "Access-Control-Request-Method", "GET"))
                .isEqualTo(403);
        assertThat(CountedRequests.status(app, "GET", "stores/1")).as("not a CORS request").isEqualTo(200);

        assertThat(grown(before, series(reader))).isEqualTo(Map.of(
                attributes(new Series("actual", "refused", "enforce", "none", "not_deployed")), 1L,
                attributes(new Series("preflight", "refused", "enforce", "none", "not_deployed")), 1L));
    }

    @Test
    void theDefaultPolicyInReportOnlyIsCountedAsSuch() {
        try (TestServer reportOnly = TestServer.start(CountedRequests.application(),
                CountedRequests.config(Map.of("cors.report-only", "true")))) {
            Map<Map<String, String>, Long> before = series(reader);

            assertThat(reportOnly.send("GET", "items", "Origin", FOREIGN).status()).isEqualTo(200);
            assertThat(reportOnly.send("GET", "items", "Origin", APP).status()).isEqualTo(200);

            assertThat(grown(before, series(reader))).isEqualTo(Map.of(
                    attributes(new Series("actual", "refused", "report_only", "default", "origin")), 1L,
                    attributes(new Series("actual", "allowed", "report_only", "default", null)), 1L));
        }
    }

    @Test
    void metricsOffCountsNothingThatWouldOtherwiseBeCounted() {
        Map<Map<String, String>, Long> expected = new HashMap<>();
        CountedRequests.countedCases().forEach(request -> expected.merge(attributes(request.counted()), 1L, Long::sum));

        Map<Map<String, String>, Long> beforeOff = series(reader);
        try (TestServer off = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of("cors.metrics", "false")))) {
            CountedRequests.countedCases().forEach(request -> assertThat(request.send(off).status()).isEqualTo(request.status()));
        }
        assertThat(grown(beforeOff, series(reader))).as("with cors.metrics=false").isEmpty();

        Map<Map<String, String>, Long> beforeOn = series(reader);
        CountedRequests.countedCases().forEach(request -> request.send(server));
        assertThat(grown(beforeOn, series(reader))).as("the same requests with metrics on").isEqualTo(expected);
    }

    /** Every series of the counter the reader collects now, by its attributes. */
    static Map<Map<String, String>, Long> series(InMemoryMetricReader reader) {
        Map<Map<String, String>, Long> series = new HashMap<>();
        for (MetricData metric : reader.collectAllMetrics()) {
            if (metric.getName().equals("cors.requests")) {
                for (LongPointData point : metric.getLongSumData().getPoints()) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    point.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
                    series.put(attributes, point.getValue());
                }
            }
        }
        return series;
    }

    /** The attributes of a series: {@code cors.reason} only on refusals. */
    static Map<String, String> attributes(Series series) {
        return CountedRequests.attributes(series, null);
    }
}
