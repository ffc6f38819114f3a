package io.github.jaxrscors.it.app.inspected;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * An application with every kind of route the library must find before Jakarta REST does: literal,
 * template and regex-template paths, sub-resource locators, {@code @Cors} on classes and methods,
 * named policies by annotation and by {@code cors.policy.<name>.paths}, a report-only policy, a
 * lenient one and a resource left to the application. Its policies: {@code src-it/config/inspected}.
 */
public class InspectedApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(OrdersResource.class, FilesResource.class, PartnersResource.class, PublicResource.class,
                RolloutResource.class, LenientResource.class, InternalResource.class, TenantResource.class);
    }
}
