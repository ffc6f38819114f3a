package io.github.jaxrscors.it.field.app;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * A site with its own page and API, deployed behind a proxy or a shared cache, with no line about
 * CORS: the library arrives with its jar and reads {@code cors.*} from the configuration directory
 * the test chooses.
 */
public class FieldApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(PageResource.class, OrdersResource.class, CatalogResource.class, OpenCatalogResource.class,
                JournalResource.class, RequestJournal.class);
    }
}
