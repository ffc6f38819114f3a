package io.github.jaxrscors.runtime.opentelemetry;

import io.github.jaxrscors.internal.deployment.MetricsBackend;
import io.github.jaxrscors.internal.policy.DecisionCounts;

/**
 * Counts into OpenTelemetry where the application has its API. It looks at a class name only, so
 * that an application without OpenTelemetry never resolves its types: those are named in
 * {@link OpenTelemetryCounter}.
 */
public final class OpenTelemetryBackend implements MetricsBackend {

    private static final String GLOBAL = "io.opentelemetry.api.GlobalOpenTelemetry";

    @Override
    public boolean isPresent() {
        return visible(GLOBAL);
    }

    @Override
    public void bind(DecisionCounts counts) {
        OpenTelemetryCounter.bind(counts);
    }

    static boolean visible(String className) {
        try {
            Class.forName(className, false, OpenTelemetryBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
