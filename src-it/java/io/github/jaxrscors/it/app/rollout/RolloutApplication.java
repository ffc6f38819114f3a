package io.github.jaxrscors.it.app.rollout;

import io.github.jaxrscors.it.app.BearerAuthFilter;
import io.github.jaxrscors.it.app.InternalResource;
import io.github.jaxrscors.it.app.ItemsResource;
import io.github.jaxrscors.it.app.PartnerResource;
import io.github.jaxrscors.it.app.PublicResource;
import io.github.jaxrscors.it.app.SecureResource;
import io.github.jaxrscors.it.app.SystemPropertiesResource;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;

/**
 * An application whose operators roll a CORS policy out with {@code cors.report-only}. It runs with
 * and without the library's jar, so it names none of the library's classes but {@code @Cors}, which
 * the JVM ignores where the jar is absent. Part of it already has a CORS mechanism of its own: a
 * hand-written filter for {@code api/legacy} ({@link LegacyCorsFilter}).
 */
public class RolloutApplication extends Application {

    /** The resources, an authentication filter, and what the tests ask the server about itself. */
    public static final Set<Class<?>> RESOURCES = Set.of(ItemsResource.class, PublicResource.class, PartnerResource.class,
            InternalResource.class, SecureResource.class, BearerAuthFilter.class, AdminResource.class, LegacyResource.class,
            SystemPropertiesResource.class, ServerStateResource.class);

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RESOURCES);
        classes.add(LegacyCorsFilter.class);
        return classes;
    }
}
