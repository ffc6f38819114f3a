package io.github.jaxrscors.it.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.it.ForkedJvm;
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
            Reply preflight = preflight(server, "api/items/1", ENV_ORIGIN, "PUT");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ENV_ORIGIN);
            assertThat(preflight.header("Access-Control-Max-Age")).as("documented default").isEqualTo("86400");
            assertThat(preflight(server, "api/items/1", ENV_ORIGIN, "DELETE").status()).isEqualTo(403);

            Reply named = get(server, "api/public", "https://anyone.example");
            assertThat(named.status()).isEqualTo(200);
            assertThat(named.header("Access-Control-Allow-Origin"))
                    .as("cors.policy.public.* given only as CORS_POLICY_PUBLIC_ALLOWED_ORIGINS").isEqualTo("*");
        }
    }

    @Test
    void systemPropertiesAloneConfigureThePolicy() throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(JerseyDropInServer.class, "jersey")
                .systemProperty("cors.allowed-origins", "https://sysprop.example")
                .systemProperty("cors.exposed-headers", "X-Total-Count")
                .systemProperty("cors.policy.public.allowed-origins", "https://public.example")
                .start()) {
            Reply allowed = get(server, "api/items", "https://sysprop.example");
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
            assertThat(get(server, "api/items", ENV_ORIGIN).status()).isEqualTo(403);
            assertThat(get(server, "api/public", "https://public.example").header("Access-Control-Allow-Origin"))
                    .isEqualTo("https://public.example");
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
            Reply preflight = preflight(server, "api/items/1", ENV_ORIGIN, "DELETE");
            assertThat(preflight.status()).as("origin from the environment, DELETE from the file").isEqualTo(204);
            assertThat(preflight.header("Access-Control-Max-Age")).as("system property over environment").isEqualTo("45");
            assertThat(preflight(server, "api/items/1", "https://app.example.com", "DELETE").status())
                    .as("the file's origins are replaced by the environment's").isEqualTo(403);
            assertThat(get(server, "api/items", ENV_ORIGIN).header("Access-Control-Expose-Headers"))
                    .as("exposed headers still from the file").isEqualTo("X-Total-Count");

            assertThat(get(server, "api/public", "https://public.example").header("Access-Control-Allow-Origin"))
                    .as("named policy from the environment over the file's '*'").isEqualTo("https://public.example");
            assertThat(get(server, "api/public", "https://anyone.example").status()).isEqualTo(403);
        }
    }

    private static Reply preflight(ForkedJvm server, String path, String origin, String method) {
        return server.send("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", method);
    }

    private static Reply get(ForkedJvm server, String path, String origin) {
        return server.send("GET", path, "Origin", origin);
    }
}
