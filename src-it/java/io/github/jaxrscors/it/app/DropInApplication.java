package io.github.jaxrscors.it.app;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * An ordinary application: resources and an authentication filter, and no line about CORS. The
 * library arrives with its jar and reads {@code cors.*} from MicroProfile Config.
 */
public class DropInApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ItemsResource.class, PublicResource.class, PartnerResource.class,
                InternalResource.class, SecureResource.class, BearerAuthFilter.class);
    }
}
