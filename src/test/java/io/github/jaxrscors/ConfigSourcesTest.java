package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.TestConfig;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A policy read from each place MicroProfile Config looks: system properties, environment variables
 * and {@code microprofile-config.properties}, with their usual precedence.
 *
 * <p>The file is {@code config-sources/cors.properties}, loaded with the ordinal of
 * {@code META-INF/microprofile-config.properties} (see {@link TestConfig}): a real file under that
 * name on the test classpath would configure the drop-in feature of every Jersey application in
 * every test. The environment is a map that SmallRye maps to keys as it maps real environment
 * variables ({@code cors.allowed-origins} → {@code CORS_ALLOWED_ORIGINS}); system properties are
 * this JVM's own, set by each test and cleared after it.
 */
class ConfigSourcesTest {

    private final Map<String, String> systemPropertiesSet = new HashMap<>();

    @AfterEach
    void clearSystemProperties() {
        systemPropertiesSet.keySet().forEach(System::clearProperty);
    }

    @Test
    void fromSystemProperties() {
        setSystemProperty("cors.allowed-origins", "https://sys.example, https://*.sys.example");
        setSystemProperty("cors.allowed-methods", "DELETE");
        setSystemProperty("cors.allow-private-network", "true");

        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.layers().systemProperties().build());

        assertThat(policy.allowedOrigins()).containsExactly("https://sys.example", "https://*.sys.example");
        assertThat(policy.allowedMethods()).contains("DELETE");
        assertThat(policy.allowPrivateNetwork()).isTrue();
    }

    @Test
    void fromSystemPropertiesRefusesTypos() {
        setSystemProperty("cors.allowed-origns", "https://sys.example");

        assertThat(catchProblems(TestConfig.layers().systemProperties().build()))
                .anySatisfy(p -> assertThat(p).contains("cors.allowed-origns: unknown key; did you mean cors.allowed-origins?"));
    }

    @Test
    void fromEnvironmentVariables() {
        Map<String, String> env = Map.of(
                "CORS_ALLOWED_ORIGINS", "https://env.example",
                "CORS_ALLOWED_HEADERS", "X-Token",
                "CORS_MAX_AGE", "200",
                "CORS_ALLOW_CREDENTIALS", "true",
                "CORS_PREFLIGHT_STATUS", "200");

        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.layers().environment(env).build());

        assertThat(policy.allowedOrigins()).containsExactly("https://env.example");
        assertThat(policy.allowedHeaders()).containsExactly("x-token");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(200));
        assertThat(policy.allowCredentials()).isTrue();
        assertThat(policy.preflightStatus()).isEqualTo(200);
    }

    @Test
    void environmentVariablesOfNamedPoliciesAreKnownKeys() {
        Map<String, String> env = Map.of(
                "CORS_ALLOWED_ORIGINS", "https://env.example",
                "CORS_POLICY_ADMIN_ALLOWED_ORIGINS", "https://admin.example",
                "CORS_ENABLED", "true");

        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.layers().environment(env).build());

        assertThat(policy.allowedOrigins()).containsExactly("https://env.example");
    }

    @Test
    void environmentVariableTyposAreStillReported() {
        Map<String, String> env = Map.of("CORS_ALLOWED_ORIGIN", "https://env.example");

        assertThat(catchProblems(TestConfig.layers().environment(env).build()))
                .singleElement().asString().contains("unknown key; did you mean cors.allowed-origins?");
    }

    @Test
    void theEnvironmentSpellingWrittenInAFileIsATypo() {
        Config config = TestConfig.of(Map.of("cors.allowed.origins", "https://file.example"));

        assertThat(catchProblems(config)).singleElement().asString()
                .startsWith("cors.allowed.origins: unknown key; did you mean cors.allowed-origins?");
    }

    @Test
    void environmentValuesAreValidatedLikeAnyOther() {
        Map<String, String> env = Map.of("CORS_ALLOWED_ORIGINS", "https://env.example/", "CORS_ALLOW_CREDENTIALS", "1");

        assertThat(catchProblems(TestConfig.layers().environment(env).build())).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("cors.allowed-origins: 'https://env.example/' has a trailing slash"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.allow-credentials: '1' is not a boolean"));
    }

    @Test
    void fromMicroprofileConfigProperties() {
        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.layers().file(file()).build());

        assertThat(policy.allowedOrigins()).containsExactly("https://file.example");
        assertThat(policy.allowedMethods()).containsExactly("GET", "HEAD", "POST", "PUT");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(100));
        assertThat(policy.allowCredentials()).isTrue();
        assertThat(policy.exposedHeaders()).containsExactly("X-From-File");
    }

    @Test
    void systemPropertiesOverrideEnvironmentWhichOverridesTheFile() {
        Map<String, String> env = Map.of("CORS_ALLOWED_ORIGINS", "https://env.example", "CORS_MAX_AGE", "200");
        setSystemProperty("cors.allowed-origins", "https://sys.example");

        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.layers().file(file()).environment(env).systemProperties().build());

        assertThat(policy.allowedOrigins()).as("system property over env and file").containsExactly("https://sys.example");
        assertThat(policy.maxAge()).as("env over file").isEqualTo(Duration.ofSeconds(200));
        assertThat(policy.allowCredentials()).as("file only").isTrue();
        assertThat(policy.allowedMethods()).as("file only").contains("PUT");
    }

    @Test
    void aValidOverrideHidesABadValueBelowIt() {
        Map<String, String> env = Map.of("CORS_MAX_AGE", "-1");
        setSystemProperty("cors.max-age", "30");

        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.layers().file(file()).environment(env).systemProperties().build());

        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(30));
    }

    private void setSystemProperty(String key, String value) {
        systemPropertiesSet.put(key, value);
        System.setProperty(key, value);
    }

    private static URL file() {
        return ConfigSourcesTest.class.getResource("/config-sources/cors.properties");
    }

    private static java.util.List<String> catchProblems(Config config) {
        try {
            CorsPolicy.fromConfig(config);
        } catch (CorsConfigException e) {
            return e.problems().stream().map(Object::toString).toList();
        }
        throw new AssertionError("accepted");
    }
}
