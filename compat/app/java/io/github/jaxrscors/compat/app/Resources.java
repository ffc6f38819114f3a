package io.github.jaxrscors.compat.app;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** For the embedded servers, which scan nothing: the application names its resources. */
public final class Resources {

    /** In a fixed order: CXF names its service after one of them, and logs that name with a failure. */
    public static final Set<Class<?>> CLASSES = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of(ItemsResource.class, AdminResource.class, PartnersResource.class, FailingResource.class)));

    private Resources() {
    }
}
