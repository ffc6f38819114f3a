package io.github.jaxrscors.internal.deployment;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The runtimes the library supports, and the one answer to "which runtime is this?": those that say they are present. */
final class Runtimes {

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    private Runtimes() {
    }

    /** Every runtime support the library ships. */
    static List<RuntimeSupport> all() {
        List<RuntimeSupport> all = new ArrayList<>();
        ServiceLoader.load(RuntimeSupport.class, RuntimeSupport.class.getClassLoader()).stream().forEach(provider -> {
            try {
                all.add(provider.get());
            } catch (ServiceConfigurationError | LinkageError unusable) {
                LOG.log(Level.DEBUG, () -> "runtime support not loaded: " + unusable);
            }
        });
        return List.copyOf(all);
    }

    /** The supports of the runtime the application runs on (one, or one per layer: a server and its REST stack). */
    static List<RuntimeSupport> present(List<RuntimeSupport> all) {
        return all.stream().filter(RuntimeSupport::isPresent).toList();
    }
}
