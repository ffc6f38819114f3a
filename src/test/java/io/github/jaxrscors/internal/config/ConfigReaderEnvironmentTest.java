package io.github.jaxrscors.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.internal.policy.Policy;
import io.github.jaxrscors.CorsConfigException;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Keys given only as environment variables, as in a container, with no properties file beside them. */
class ConfigReaderEnvironmentTest {

    private static Config environment(Map<String, String> variables) {
        return TestConfig.layers().environment(variables).build();
    }

    private static ConfigReader.Policies read(Config config) {
        return ConfigReader.read(new Settings(MicroProfileSettings.of(config)), null, Set.of());
    }

    @Test
    void environmentVariablesAloneAreKnownKeys() {
        ConfigReader.Policies policies = read(environment(Map.of(
                "CORS_ALLOWED_ORIGINS", "https://env.example",
                "CORS_MAX_AGE", "30",
                "CORS_ENABLED", "true",
                "CORS_POLICY_PUBLIC_ALLOWED_ORIGINS", "*")));

        Policy policy = policies.defaultPolicy();

        assertThat(policy.origins()).containsExactly("https://env.example");
        assertThat(policy.maxAge()).hasSeconds(30);
        assertThat(policies.named("public")).get().extracting(Policy::anyOrigin).isEqualTo(true);
    }

    @Test
    void aMisspeltEnvironmentVariableIsStillReported() {
        Config config = environment(Map.of("CORS_ALLOWED_ORIGIN", "https://env.example"));

        assertThatThrownBy(() -> read(config)).isInstanceOf(CorsConfigException.class)
                .hasMessageContaining("cors.allowed.origin: unknown key");
    }

    @Test
    void dotsForDashesInAPropertiesFileAreStillReported() {
        Config config = TestConfig.of(Map.of("cors.allowed.origins", "https://app.example"));

        assertThatThrownBy(() -> read(config)).isInstanceOf(CorsConfigException.class)
                .hasMessageContaining("cors.allowed.origins: unknown key; did you mean cors.allowed-origins?");
    }
}
