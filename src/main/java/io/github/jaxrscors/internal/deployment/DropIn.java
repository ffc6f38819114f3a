package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.config.MicroProfileSettings;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * The drop-in: installs the library, reading its policy from MicroProfile Config, unless the
 * application installs it itself. RESTEasy reads it from {@code META-INF/services/jakarta.ws.rs.ext.Providers},
 * Jersey's auto-discovery and CXF's bus extension register it.
 *
 * <p>It is not {@code CorsFeature} itself because Jersey and RESTEasy keep the first registration
 * of a provider class and drop later ones with at most a warning: an application's
 * {@code new CorsFeature(policy)} (in Jersey, one registered inside another feature) would be
 * ignored, the configured policy applied instead, and without a MicroProfile Config implementation
 * the deployment would fail. It is public because RESTEasy instantiates providers only through
 * public constructors of public classes.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class DropIn implements Feature {

    /** Called by the runtime. */
    public DropIn() {
    }

    @Override
    public boolean configure(FeatureContext context) {
        return new Installation(null, MicroProfileSettings::current).configure(context);
    }
}
