package io.github.jaxrscors.it.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.it.ForkedJvm;
import io.github.jaxrscors.it.Http;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drop-in Jersey application configured the other ways MicroProfile Config offers: environment
 * variables (as in a container) and system properties, alone and layered over the properties file.
 * Each case is a JVM of its own, since the environment is fixed at start and SmallRye caches its
 * configuration.
 */
class ConfigSourcesIT {

    private static final String ENV_ORIGIN = "https://env.example";

    @Test
    void environmentVariablesAloneConfigureTheDefaultAndNamedPolicies() throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(JerseyDropInServer.class, "jersey")
                .env("CORS_ALLOWED_ORIGINS", ENV_ORIGIN)
                .env("CORS_ALLOWED_METHODS", "PUT")
                .env("CORS_POLICY_PUBLIC_ALLOWED_ORIGINS", "*")
                .start()) {
            URI base = server.awaitListening();

            HttpResponse<String> preflight = preflight(base, "api/items/1", ENV_ORIGIN, "PUT");
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ENV_ORIGIN);
            assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).as("documented default").hasValue("86400");
            assertThat(preflight(base, "api/items/1", ENV_ORIGIN, "DELETE").statusCode()).isEqualTo(403);

            HttpResponse<String> named = get(base, "api/public", "https://anyone.example");
            assertThat(named.statusCode()).isEqualTo(200);
            assertThat(named.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("cors.policy.public.* given only as CORS_POLICY_PUBLIC_ALLOWED_ORIGINS").hasValue("*");
        }
    }

    @Test
    void systemPropertiesAloneConfigureThePolicy() throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(JerseyDropInServer.class, "jersey")
                .systemProperty("cors.allowed-origins", "https://sysprop.example")
                .systemProperty("cors.exposed-headers", "X-Total-Count")
                .systemProperty("cors.policy.public.allowed-origins", "https://public.example")
                .start()) {
            URI base = server.awaitListening();

            HttpResponse<String> allowed = get(base, "api/items", "https://sysprop.example");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Total-Count");
            assertThat(get(base, "api/items", ENV_ORIGIN).statusCode()).isEqualTo(403);
            assertThat(get(base, "api/public", "https://public.example").headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("https://public.example");
        }
    }

    @Test
    void systemPropertiesOverrideEnvironmentWhichOverridesTheFileKeyByKey() throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(JerseyDropInServer.class, "jersey")
                .configDirectory("dropin")
                .env("CORS_ALLOWED_ORIGINS", ENV_ORIGIN)
                .env("CORS_MAX_AGE", "30")
                .env("CORS_POLICY_PUBLIC_ALLOWED_ORIGINS", "https://public.example")
                .systemProperty("cors.max-age", "45")
                .start()) {
            URI base = server.awaitListening();

            HttpResponse<String> preflight = preflight(base, "api/items/1", ENV_ORIGIN, "DELETE");
            assertThat(preflight.statusCode()).as("origin from the environment, DELETE from the file").isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).as("system property over environment").hasValue("45");
            assertThat(preflight(base, "api/items/1", "https://app.example.com", "DELETE").statusCode())
                    .as("the file's origins are replaced by the environment's").isEqualTo(403);
            assertThat(get(base, "api/items", ENV_ORIGIN).headers().firstValue("Access-Control-Expose-Headers"))
                    .as("exposed headers still from the file").hasValue("X-Total-Count");

            assertThat(get(base, "api/public", "https://public.example").headers().firstValue("Access-Control-Allow-Origin"))
                    .as("named policy from the environment over the file's '*'").hasValue("https://public.example");
            assertThat(get(base, "api/public", "https://anyone.example").statusCode()).isEqualTo(403);
        }
    }

    private static HttpResponse<String> preflight(URI base, String path, String origin, String method) {
        return Http.send("OPTIONS", base.resolve(path), Map.of("Origin", origin, "Access-Control-Request-Method", method));
    }

    private static HttpResponse<String> get(URI base, String path, String origin) {
        return Http.send("GET", base.resolve(path), Map.of("Origin", origin));
    }
}
