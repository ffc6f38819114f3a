package io.github.jaxrscors.runtime.micrometer;

import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.policy.DecisionCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code cors.requests} as one {@link FunctionCounter} per combination of attributes, reading the
 * combination's adder when the registry publishes: nothing on the request path but the increment.
 *
 * <p>Registered on {@link Metrics#globalRegistry}, which reaches every registry added to it, before
 * or after: Quarkus's root registry is the global one (its registries are added to it), and Spring
 * Boot adds each registry it configures unless {@code management.metrics.use-global-registry=false}.
 *
 * <p>{@code cors.reason} is on every series, empty but for refusals: Prometheus treats an empty
 * label as an absent one, and Micrometer's Prometheus registry before 1.17 drops the series of a
 * name whose tag keys differ from those of the name's first series.
 */
final class MicrometerCounters implements DecisionCounts.Listener {

    static final String NAME = "cors.requests";
    /** The attributes' names, in the order of {@link #tags(DecisionCounts.Key, List)}: the contract's, and without dots. */
    private static final List<String> DOTTED = List.of("cors.kind", "cors.outcome", "cors.mode", "cors.policy", "cors.reason");
    private static final List<String> UNDOTTED = DOTTED.stream().map(name -> name.replace('.', '_')).toList();
    private static final String DESCRIPTION = "CORS requests and preflights decided, by kind, outcome, mode, policy and refusal reason";

    /** Each pair bound once, whatever the number of deployments that ask. */
    private static final Map<Binding, MicrometerCounters> BOUND = new HashMap<>();

    private record Binding(DecisionCounts counts, MeterRegistry registry) {
    }

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);
    private static volatile boolean toldOfRefusal;

    private final MeterRegistry registry;
    private final Map<DecisionCounts.Key, LongAdder> counted = new ConcurrentHashMap<>();
    /** Set once the registry refused the dotted tag names and took the others. */
    private volatile boolean tagNamesWithoutDots;

    private MicrometerCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    static void bind(DecisionCounts counts) {
        bind(counts, Metrics.globalRegistry);
    }

    static synchronized void bind(DecisionCounts counts, MeterRegistry registry) {
        MicrometerCounters bound = BOUND.get(new Binding(counts, registry));
        if (bound == null) {
            bound = new MicrometerCounters(registry);
            BOUND.put(new Binding(counts, registry), bound);
            counts.bind(bound);
        } else {
            // Quarkus's dev mode empties the registry when it restarts the application. Only the
            // missing counters: Micrometer warns of a function counter registered twice.
            bound.counted.forEach(bound::registerIfMissing);
        }
    }

    @Override
    public void added(DecisionCounts.Key key, LongAdder count) {
        counted.put(key, count);
        register(key, count);
    }

    private void registerIfMissing(DecisionCounts.Key key, LongAdder count) {
        if (registry.find(NAME).tags(tags(key, tagNames())).functionCounter() == null) {
            register(key, count);
        }
    }

    /**
     * Registers on the request that first met the combination, which must not fail for it. A
     * registry's listener may refuse the counter: Helidon MP 4.1's copies every meter of the global
     * registry into MicroProfile Metrics, whose tag names cannot hold a dot. Then the counter is
     * registered again under tag names without dots ({@code cors_kind}, …), which Prometheus shows
     * exactly as it shows the dotted ones, and every later combination of this registry with them.
     */
    private void register(DecisionCounts.Key key, LongAdder count) {
        try {
            register(key, count, tagNames());
        } catch (RuntimeException refused) {
            if (!tagNamesWithoutDots) {
                try {
                    register(key, count, UNDOTTED);
                    tagNamesWithoutDots = true;
                    LOG.log(Level.INFO, "CORS decisions are counted in Micrometer as " + NAME + " with the tag names "
                            + String.join(", ", UNDOTTED) + ": its registry refused the dotted ones (" + refused.getMessage()
                            + "); Prometheus shows both alike");
                    return;
                } catch (RuntimeException alsoRefused) {
                    refused.addSuppressed(alsoRefused);
                }
            }
            if (!toldOfRefusal) {
                toldOfRefusal = true;
                LOG.log(Level.WARNING, "CORS decisions may be missing from Micrometer: its registry refused the " + NAME
                        + " counter (" + refused.getMessage() + "); requests are answered all the same, and cors.metrics=false "
                        + "stops counting them", refused);
            }
        }
    }

    private void register(DecisionCounts.Key key, LongAdder count, List<String> tagNames) {
        FunctionCounter.builder(NAME, count, LongAdder::sum)
                .description(DESCRIPTION)
                .tags(tags(key, tagNames))
                .register(registry);
    }

    private List<String> tagNames() {
        return tagNamesWithoutDots ? UNDOTTED : DOTTED;
    }

    private static Tags tags(DecisionCounts.Key key, List<String> names) {
        return Tags.of(names.get(0), key.kind(), names.get(1), key.outcome(), names.get(2), key.mode(),
                names.get(3), key.policy(), names.get(4), key.reason() == null ? "" : key.reason());
    }
}
