package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.DecisionCounts;
import java.lang.System.Logger.Level;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The metrics backends present, bound to the decision counts: none of a backend's classes loads where it is absent. */
final class MetricsBackends {

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    private MetricsBackends() {
    }

    /** The counts to count into, bound to every backend present; null when no backend is. */
    static DecisionCounts bind() {
        DecisionCounts counts = DecisionCounts.shared();
        boolean bound = false;
        for (var provider : ServiceLoader.load(MetricsBackend.class, MetricsBackend.class.getClassLoader()).stream().toList()) {
            try {
                MetricsBackend backend = provider.get();
                if (backend.isPresent()) {
                    backend.bind(counts);
                    bound = true;
                }
            } catch (ServiceConfigurationError | LinkageError | RuntimeException unusable) {
                LOG.log(Level.WARNING, "CORS decisions are not counted into a metrics backend that could not be used: " + unusable);
            }
        }
        return bound ? counts : null;
    }
}
