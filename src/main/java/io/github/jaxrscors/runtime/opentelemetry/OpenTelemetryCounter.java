package io.github.jaxrscors.runtime.opentelemetry;

import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.policy.DecisionCounts;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code cors.requests} as one asynchronous counter whose callback reports every combination of
 * attributes when the SDK collects: nothing on the request path but the increment. The attributes
 * of each combination are built once, when it first occurs, and shared by every meter bound.
 *
 * <p>The meter is the runtime's MicroProfile Telemetry bean where CDI has one, else
 * {@code GlobalOpenTelemetry}'s, once it has been set: asking {@code GlobalOpenTelemetry.get()}
 * before the application sets it would fix it to a no-op, and the application's own {@code set}
 * would then fail. Where it is set only later, the next deployment binds.
 */
final class OpenTelemetryCounter implements DecisionCounts.Listener {

    static final String NAME = "cors.requests";
    static final String SCOPE = "io.github.jaxrscors";
    private static final String DESCRIPTION = "CORS requests and preflights decided, by kind, outcome, mode, policy and refusal reason";
    private static final String UNIT = "{request}";
    private static final String CDI = "jakarta.enterprise.inject.spi.CDI";

    static final AttributeKey<String> KIND = AttributeKey.stringKey("cors.kind");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cors.outcome");
    static final AttributeKey<String> MODE = AttributeKey.stringKey("cors.mode");
    static final AttributeKey<String> POLICY = AttributeKey.stringKey("cors.policy");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("cors.reason");

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    /** The combinations of each counts, once. */
    private static final Map<DecisionCounts, OpenTelemetryCounter> OBSERVED = new IdentityHashMap<>();
    /** The meters a callback is registered with, each once for each counts, whatever the number of deployments that ask. */
    private static final Set<Binding> BOUND = new HashSet<>();
    private static volatile boolean toldOfOldApi;

    private record Observation(Attributes attributes, LongAdder count) {
    }

    private record Binding(DecisionCounts counts, Meter meter) {
    }

    private final List<Observation> observations = new CopyOnWriteArrayList<>();

    private OpenTelemetryCounter() {
    }

    static void bind(DecisionCounts counts) {
        Meter meter = meter();
        if (meter != null) {
            bind(counts, meter);
        }
    }

    static synchronized void bind(DecisionCounts counts, Meter meter) {
        OpenTelemetryCounter counter = OBSERVED.get(counts);
        if (counter == null) {
            counter = new OpenTelemetryCounter();
            OBSERVED.put(counts, counter);
            counts.bind(counter);
        }
        if (BOUND.add(new Binding(counts, meter))) {
            meter.counterBuilder(NAME).setDescription(DESCRIPTION).setUnit(UNIT).buildWithCallback(counter::observe);
        }
    }

    private static Meter meter() {
        Meter runtimes = OpenTelemetryBackend.visible(CDI) ? MicroProfileTelemetry.meter(SCOPE) : null;
        if (runtimes != null) {
            return runtimes;
        }
        try {
            return GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get().getMeter(SCOPE) : null;
        } catch (NoSuchMethodError before157) {
            // Only OpenTelemetry 1.57 and later can tell whether the global instance is set without fixing it.
            if (!toldOfOldApi) {
                toldOfOldApi = true;
                LOG.log(Level.INFO, "CORS decisions are not counted into GlobalOpenTelemetry: its API is older than 1.57, "
                        + "which cannot tell whether the application has set it without fixing it to a no-op");
            }
            return null;
        }
    }

    @Override
    public void added(DecisionCounts.Key key, LongAdder count) {
        observations.add(new Observation(attributes(key), count));
    }

    private void observe(ObservableLongMeasurement measurement) {
        for (Observation observation : observations) {
            measurement.record(observation.count().sum(), observation.attributes());
        }
    }

    static Attributes attributes(DecisionCounts.Key key) {
        AttributesBuilder attributes = Attributes.builder().put(KIND, key.kind()).put(OUTCOME, key.outcome())
                .put(MODE, key.mode()).put(POLICY, key.policy());
        if (key.reason() != null) {
            attributes.put(REASON, key.reason());
        }
        return attributes.build();
    }
}
