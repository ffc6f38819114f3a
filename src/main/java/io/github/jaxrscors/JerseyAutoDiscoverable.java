package io.github.jaxrscors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Jersey's drop-in hook: installs {@link CorsFeature} in every server application unless the
 * application registered it itself. Jersey runs auto-discoverables for clients too, hence the check.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
final class JerseyAutoDiscoverable implements AutoDiscoverable {

    @Override
    public void configure(FeatureContext context) {
        if (context.getConfiguration().getRuntimeType() == RuntimeType.SERVER
                && !context.getConfiguration().isRegistered(CorsFeature.class)) {
            context.register(new DropIn());
        }
    }

    /**
     * The config-driven {@link CorsFeature} under a class of its own. Jersey ignores a second
     * registration of a class it already has, so were the drop-in a {@code CorsFeature}, a
     * {@code new CorsFeature(policy)} that the application registers inside one of its own features
     * (which this hook cannot see yet) would be dropped, and its policy with it.
     */
    static final class DropIn implements Feature {

        @Override
        public boolean configure(FeatureContext context) {
            return new CorsFeature().configure(context);
        }
    }
}
