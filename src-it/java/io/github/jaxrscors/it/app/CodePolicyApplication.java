package io.github.jaxrscors.it.app;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * An application that registers {@link CorsFeature} with a policy in code, while the jar's
 * drop-in registration is active too: it must be installed once, with the code's policy.
 */
public class CodePolicyApplication extends Application {

    public static final String ORIGIN = "https://code.example";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ItemsResource.class, BearerAuthFilter.class);
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new CorsFeature(CorsPolicy.builder()
                .allowOrigin(ORIGIN)
                .allowMethod("PUT")
                .allowHeader("Content-Type")
                .exposeHeader("X-Total-Count")
                .build()));
    }
}
