package io.github.jaxrscors.runtime.jersey;

import io.github.jaxrscors.internal.deployment.DropIn;
import io.github.jaxrscors.internal.deployment.Installation;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Jersey's drop-in hook: installs {@link DropIn} in every server application unless the application
 * registered {@code CorsFeature} itself. Jersey runs auto-discoverables for clients too, hence the check.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public final class JerseyAutoDiscoverable implements AutoDiscoverable {

    @Override
    public void configure(FeatureContext context) {
        if (context.getConfiguration().getRuntimeType() == RuntimeType.SERVER
                && !Installation.isInstalled(context.getConfiguration())) {
            context.register(new DropIn());
        }
    }
}
