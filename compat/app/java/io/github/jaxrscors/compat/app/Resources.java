package io.github.jaxrscors.compat.app;

import java.util.Set;

/** For the embedded servers, which scan nothing: the application names its resources. */
public final class Resources {

    public static final Set<Class<?>> CLASSES =
            Set.of(ItemsResource.class, AdminResource.class, PartnersResource.class, FailingResource.class);

    private Resources() {
    }
}
