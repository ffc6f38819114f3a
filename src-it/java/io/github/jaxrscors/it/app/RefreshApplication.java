package io.github.jaxrscors.it.app;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * An application whose CORS configuration changes while it runs: its operators reload it through
 * {@link CorsAdminResource}; {@link SystemPropertiesResource} lets a test change the configuration
 * inside the server's JVM.
 */
public class RefreshApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ItemsResource.class, RefreshedPartnerResource.class, CorsAdminResource.class,
                SystemPropertiesResource.class);
    }
}
