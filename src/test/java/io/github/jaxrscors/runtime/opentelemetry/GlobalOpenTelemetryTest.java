package io.github.jaxrscors.runtime.opentelemetry;

import static io.github.jaxrscors.testing.CountedRequests.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.jaxrscors.testing.CountedRequests;
import io.github.jaxrscors.testing.TestServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GlobalOpenTelemetry.get()} fixes the global instance to a no-op when nothing has set it
 * yet, after which the application's own {@code set} throws: the library must never be the one
 * that asks first.
 */
class GlobalOpenTelemetryTest {

    private OpenTelemetrySdk sdk;

    @AfterEach
    void release() {
        if (sdk != null) {
            sdk.close();
        }
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void anApplicationThatSetsTheGlobalInstanceAfterDeployingStillCanAndIsCountedFromItsNextDeployment() {
        GlobalOpenTelemetry.resetForTest();
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        sdk = OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
        Map<Map<String, String>, Long> allowed = Map.of(
                OpenTelemetryMetricsTest.attributes(CountedRequests.actual("allowed", "default", null)), 1L);

        try (TestServer early = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of()))) {
            assertThat(early.send("GET", "items", "Origin", APP).status()).isEqualTo(200);

            assertThatCode(() -> GlobalOpenTelemetry.set(sdk)).as("the application sets its SDK").doesNotThrowAnyException();
            assertThat(OpenTelemetryMetricsTest.series(reader)).as("nothing bound before the next deployment").isEmpty();
        }
        try (TestServer later = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of()))) {
            Map<Map<String, String>, Long> before = OpenTelemetryMetricsTest.series(reader);
            assertThat(later.send("GET", "items", "Origin", APP).status()).isEqualTo(200);

            assertThat(CountedRequests.grown(before, OpenTelemetryMetricsTest.series(reader))).isEqualTo(allowed);
        }
    }
}
