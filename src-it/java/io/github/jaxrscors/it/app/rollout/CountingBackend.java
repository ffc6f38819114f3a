package io.github.jaxrscors.it.app.rollout;

import io.github.jaxrscors.internal.deployment.MetricsBackend;
import io.github.jaxrscors.internal.policy.DecisionCounts;

/**
 * A metrics backend that only remembers the counts, listed in the server's
 * {@code META-INF/services} ({@code src-it/config/rollout}): the library counts into it as into
 * Micrometer or OpenTelemetry, and {@link ServerStateResource} shows the counts to the tests.
 */
public final class CountingBackend implements MetricsBackend {

    @Override
    public boolean isPresent() {
        return true;
    }

    @Override
    public void bind(DecisionCounts counts) {
        counts.bind((key, count) -> DecisionTally.add(String.join(" ", key.kind(), key.outcome(), key.mode(), key.policy(),
                key.reason() == null ? "-" : key.reason()), count::sum));
    }
}
