package io.github.jaxrscors.internal.deployment;

import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;

/**
 * What one runtime adds to the library: found with {@link java.util.ServiceLoader} (each runtime
 * package lists its implementation in {@code META-INF/services}), so that the core names no runtime.
 * An implementation must load where its runtime is absent: it names the runtime's types only in
 * classes it loads once {@link #isPresent()} said yes.
 */
public interface RuntimeSupport {

    /** Whether the application runs on this runtime; asked once per deployment. */
    boolean isPresent();

    /** Registers what the runtime needs beside the library's filters: life-cycle listeners. */
    default void install(FeatureContext context, Deployment deployment) {
    }

    /**
     * What the runtime does to each request the library lets through with a decoration, or null for
     * nothing; asked once per deployment, with the application's configuration, so that the hook
     * settles at deployment what it needs to know of the application.
     */
    default DecorationHook decorationHook(Configuration configuration) {
        return null;
    }

    /**
     * What the user must do on this runtime when a runtime never reported the application's resource
     * methods to the library ("On Quarkus with quarkus-rest, …"), or null; asked of every runtime,
     * present or not, since the message goes to whoever reads the log.
     */
    default String unreportedResourcesAdvice() {
        return null;
    }
}
