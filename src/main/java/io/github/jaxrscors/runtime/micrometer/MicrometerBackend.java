package io.github.jaxrscors.runtime.micrometer;

import io.github.jaxrscors.internal.deployment.MetricsBackend;
import io.github.jaxrscors.internal.policy.DecisionCounts;

/**
 * Counts into Micrometer where the application has it. It looks at a class name only, so that an
 * application without Micrometer never resolves its types: those are named in {@link MicrometerCounters}.
 */
public final class MicrometerBackend implements MetricsBackend {

    private static final String METRICS = "io.micrometer.core.instrument.Metrics";

    @Override
    public boolean isPresent() {
        try {
            Class.forName(METRICS, false, MicrometerBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    @Override
    public void bind(DecisionCounts counts) {
        MicrometerCounters.bind(counts);
    }
}
