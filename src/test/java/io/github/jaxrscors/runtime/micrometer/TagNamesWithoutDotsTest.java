package io.github.jaxrscors.runtime.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.policy.DecisionCounts;
import io.github.jaxrscors.testing.CapturedLog;
import io.github.jaxrscors.testing.CountedRequests;
import io.github.jaxrscors.testing.CountedRequests.Case;
import io.github.jaxrscors.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A registry whose listener refuses tag names with dots, as MicroProfile Metrics does where a runtime
 * copies Micrometer's meters into it (Helidon MP 4.1): every decision is still counted, under
 * {@code cors_kind}, {@code cors_outcome}, {@code cors_mode}, {@code cors_policy} and
 * {@code cors_reason}, and the log says so once.
 */
class TagNamesWithoutDotsTest {

    private static final String MICROPROFILE_METRICS_REFUSAL = "Invalid Tag name. Tag names must match the following regex "
            + "[a-zA-Z_][a-zA-Z0-9_]*";

    @Test
    void aRegistryThatRefusesDottedTagNamesCountsEveryDecisionUnderTagNamesWithoutThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().onMeterAdded(meter -> meter.getId().getTags().forEach(tag -> {
            if (tag.getKey().contains(".")) {
                throw new IllegalArgumentException(MICROPROFILE_METRICS_REFUSAL);
            }
        }));
        try (CapturedLog log = CapturedLog.of(DecisionLog.LOGGER);
                TestServer server = TestServer.start(CountedRequests.application(), CountedRequests.config(Map.of()))) {
            MicrometerCounters.bind(DecisionCounts.shared(), registry);
            Map<Map<String, String>, Long> before = MicrometerMetricsTest.series(registry);
            Map<Map<String, String>, Long> expected = new HashMap<>();
            for (Case request : CountedRequests.countedCases()) {
                assertThat(request.send(server).status()).as(request.description()).isEqualTo(request.status());
                Map<String, String> tags = new LinkedHashMap<>();
                CountedRequests.attributes(request.counted(), "").forEach((name, value) -> tags.put(name.replace('.', '_'), value));
                expected.merge(tags, 1L, Long::sum);
            }

            assertThat(CountedRequests.grown(before, MicrometerMetricsTest.series(registry))).isEqualTo(expected);
            assertThat(registry.find(MicrometerCounters.NAME).functionCounters()).as("every series")
                    .allSatisfy(counter -> assertThat(counter.getId().getTags()).extracting(tag -> tag.getKey())
                            .containsExactlyInAnyOrder("cors_kind", "cors_outcome", "cors_mode", "cors_policy", "cors_reason"));
            assertThat(log.messages(Level.INFO)).filteredOn(message -> message.contains(MicrometerCounters.NAME)).as("said once")
                    .containsExactly("CORS decisions are counted in Micrometer as cors.requests with the tag names cors_kind, "
                            + "cors_outcome, cors_mode, cors_policy, cors_reason: its registry refused the dotted ones ("
                            + MICROPROFILE_METRICS_REFUSAL + "); Prometheus shows both alike");
            assertThat(log.messages(Level.WARNING)).noneMatch(message -> message.contains(MicrometerCounters.NAME));
        }
    }
}
