package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A policy read from each place MicroProfile Config looks: system properties, environment variables
 * and {@code microprofile-config.properties}, with their usual precedence.
 *
 * <p>The file is {@code config-sources/cors.properties}, loaded with the ordinal of
 * {@code META-INF/microprofile-config.properties} (100): a real file under that name on the test
 * classpath would configure the drop-in feature of every Jersey application in every test. The
 * environment is a map given to SmallRye's {@link EnvConfigSource}, which applies the same name
 * mapping as for real environment variables ({@code cors.allowed-origins} → {@code CORS_ALLOWED_ORIGINS}).
 */
class ConfigSourcesTest {

    private static final int FILE_ORDINAL = 100;
    private static final int ENV_ORDINAL = 300;

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

        CorsPolicy policy = CorsPolicy.fromConfig(build(new SysPropConfigSource()));

        assertThat(policy.allowedOrigins()).containsExactly("https://sys.example", "https://*.sys.example");
        assertThat(policy.allowedMethods()).contains("DELETE");
        assertThat(policy.allowPrivateNetwork()).isTrue();
    }

    @Test
    void fromSystemPropertiesRefusesTypos() {
        setSystemProperty("cors.allowed-origns", "https://sys.example");

        assertThat(catchProblems(build(new SysPropConfigSource())))
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

        CorsPolicy policy = CorsPolicy.fromConfig(build(new EnvConfigSource(env, ENV_ORDINAL)));

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

        CorsPolicy policy = CorsPolicy.fromConfig(build(new EnvConfigSource(env, ENV_ORDINAL)));

        assertThat(policy.allowedOrigins()).containsExactly("https://env.example");
    }

    @Test
    void environmentVariableTyposAreStillReported() {
        Map<String, String> env = Map.of("CORS_ALLOWED_ORIGIN", "https://env.example");

        assertThat(catchProblems(build(new EnvConfigSource(env, ENV_ORDINAL))))
                .singleElement().asString().contains("unknown key; did you mean cors.allowed-origins?");
    }

    @Test
    void theEnvironmentSpellingWrittenInAFileIsATypo() {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("cors.allowed.origins", "https://file.example"), "file", FILE_ORDINAL))
                .build();

        assertThat(catchProblems(config)).singleElement().asString()
                .startsWith("cors.allowed.origins: unknown key; did you mean cors.allowed-origins?");
    }

    @Test
    void environmentValuesAreValidatedLikeAnyOther() {
        Map<String, String> env = Map.of("CORS_ALLOWED_ORIGINS", "https://env.example/", "CORS_ALLOW_CREDENTIALS", "1");

        assertThat(catchProblems(build(new EnvConfigSource(env, ENV_ORDINAL)))).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("cors.allowed-origins: 'https://env.example/' has a trailing slash"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.allow-credentials: '1' is not a boolean"));
    }

    @Test
    void fromMicroprofileConfigProperties() throws IOException {
        CorsPolicy policy = CorsPolicy.fromConfig(build(file()));

        assertThat(policy.allowedOrigins()).containsExactly("https://file.example");
        assertThat(policy.allowedMethods()).containsExactly("GET", "HEAD", "POST", "PUT");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(100));
        assertThat(policy.allowCredentials()).isTrue();
        assertThat(policy.exposedHeaders()).containsExactly("X-From-File");
    }

    @Test
    void systemPropertiesOverrideEnvironmentWhichOverridesTheFile() throws IOException {
        Map<String, String> env = Map.of("CORS_ALLOWED_ORIGINS", "https://env.example", "CORS_MAX_AGE", "200");
        setSystemProperty("cors.allowed-origins", "https://sys.example");

        CorsPolicy policy = CorsPolicy.fromConfig(build(file(), new EnvConfigSource(env, ENV_ORDINAL), new SysPropConfigSource()));

        assertThat(policy.allowedOrigins()).as("system property over env and file").containsExactly("https://sys.example");
        assertThat(policy.maxAge()).as("env over file").isEqualTo(Duration.ofSeconds(200));
        assertThat(policy.allowCredentials()).as("file only").isTrue();
        assertThat(policy.allowedMethods()).as("file only").contains("PUT");
    }

    @Test
    void aValidOverrideHidesABadValueBelowIt() throws IOException {
        Map<String, String> env = Map.of("CORS_MAX_AGE", "-1");
        setSystemProperty("cors.max-age", "30");

        CorsPolicy policy = CorsPolicy.fromConfig(build(file(), new EnvConfigSource(env, ENV_ORDINAL), new SysPropConfigSource()));

        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(30));
    }

    private void setSystemProperty(String key, String value) {
        systemPropertiesSet.put(key, value);
        System.setProperty(key, value);
    }

    private static ConfigSource file() throws IOException {
        URL url = ConfigSourcesTest.class.getResource("/config-sources/cors.properties");
        return new PropertiesConfigSource(url, FILE_ORDINAL);
    }

    private static Config build(ConfigSource... sources) {
        return new SmallRyeConfigBuilder().withSources(sources).build();
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
