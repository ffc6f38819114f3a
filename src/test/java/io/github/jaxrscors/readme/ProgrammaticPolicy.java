package io.github.jaxrscors.readme;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import java.time.Duration;
import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;

/** The README's builder example. */
public final class ProgrammaticPolicy {

    private ProgrammaticPolicy() {
    }

    public static ResourceConfig application() {
        // tag::builder[]
        CorsPolicy policy = CorsPolicy.builder()
                .allowOrigin("https://app.example.com")
                .allowHost("*.example.com", List.of("https"))   // https://<any subdomain>.example.com
                .allowMethod("DELETE")
                .allowHeader("Content-Type")                     // also allows JSON bodies
                .allowHeadersPrefixed("X-Custom-")
                .exposeHeader("X-Total-Count")
                .allowCredentials(true)
                .maxAge(Duration.ofHours(1))
                .build();

        ResourceConfig app = new ResourceConfig(OrderResource.class)
                .register(new CorsFeature(policy));
        // end::builder[]
        return app;
    }
}
