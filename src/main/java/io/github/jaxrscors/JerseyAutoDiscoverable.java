package io.github.jaxrscors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Jersey's drop-in hook: installs {@link CorsFeature.DropIn} in every server application unless the
 * application registered {@code CorsFeature} itself. Jersey runs auto-discoverables for clients too,
 * hence the check.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
final class JerseyAutoDiscoverable implements AutoDiscoverable {

    @Override
    public void configure(FeatureContext context) {
        if (context.getConfiguration().getRuntimeType() == RuntimeType.SERVER
                && !context.getConfiguration().isRegistered(CorsFeature.class)) {
            context.register(new CorsFeature.DropIn());
        }
    }
}
