package io.github.jaxrscors.readme;

import io.github.jaxrscors.CorsPolicy;
import java.time.Duration;
import java.util.List;

/** The code of docs/migrating-from-ktor.md: its table's builder column and its example. */
public final class KtorMigration {

    private KtorMigration() {
    }

    /** The table's builder cells in the table's order, each after {@code CorsPolicy.builder().}. */
    public static List<CorsPolicy.Builder> tableBuilders() {
        return List.of(
                // tag::ktor-table[]
                CorsPolicy.builder().allowHost("example.com"),
                CorsPolicy.builder().allowHost("example.com", List.of("https"), List.of("api")),
                CorsPolicy.builder().allowHost("*.example.com", List.of("https")),
                CorsPolicy.builder().allowHost("localhost:3000"),
                CorsPolicy.builder().allowOrigin("http://localhost:*"),
                CorsPolicy.builder().allowAnyOrigin(),
                CorsPolicy.builder().allowOrigins(origin -> origin.equals("https://app.example.com")),
                CorsPolicy.builder().allowMethod("PUT"),
                CorsPolicy.builder().allowAnyMethod(),
                CorsPolicy.builder().allowHeader("Content-Type"),
                CorsPolicy.builder().allowHeader("X-Request-Id"),
                CorsPolicy.builder().allowHeadersPrefixed("X-Custom-"),
                CorsPolicy.builder().allowHeaders(name -> name.startsWith("x-trace-")),
                CorsPolicy.builder().allowHeader("X-Http-Method-Override"),
                CorsPolicy.builder().exposeHeader("X-Total-Count"),
                CorsPolicy.builder().allowHost("example.com", List.of("https")).allowCredentials(true),
                CorsPolicy.builder().allowHost("localhost:3000").allowCredentials(true),
                CorsPolicy.builder().maxAge(Duration.ofSeconds(600)),
                CorsPolicy.builder().allowSameOrigin(false),
                CorsPolicy.builder().allowNonSimpleContentTypes(true),
                CorsPolicy.builder().preflightStatus(200),
                CorsPolicy.builder().rejectDisallowed(false),
                CorsPolicy.builder().allowPrivateNetwork(true),
                CorsPolicy.builder().trustForwardedHeaders(true),
                CorsPolicy.builder().allowInsecureOrigins(true)
                // end::ktor-table[]
        );
    }

    /** The guide's example: a typical Ktor installation, moved. */
    public static CorsPolicy policy() {
        // tag::ktor-builder[]
        CorsPolicy policy = CorsPolicy.builder()
                .allowHost("app.example.com", List.of("https"))
                .allowHost("localhost:3000")                 // http and https, as in Ktor
                .allowMethod("PUT")
                .allowMethod("DELETE")
                .allowHeader("Content-Type")
                .allowHeader("Authorization")
                .exposeHeader("X-Total-Count")
                .allowCredentials(true)
                .maxAge(Duration.ofHours(1))
                .build();
        // end::ktor-builder[]
        return policy;
    }
}
