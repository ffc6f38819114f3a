package io.github.jaxrscors.testing;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * MicroProfile Config for a test: exactly the sources given, nothing from the environment running
 * the build. Each layer has the ordinal MicroProfile gives the place it stands for, so layers
 * override one another as they would in an application: system properties (400) over environment
 * variables (300) over {@code META-INF/microprofile-config.properties} (100).
 */
public final class TestConfig {

    public static final int FILE = 100;
    public static final int ENVIRONMENT = 300;

    private final SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();

    private TestConfig() {
    }

    /** Properties as {@code microprofile-config.properties} would hold them. */
    public static Config of(Map<String, String> properties) {
        return layers().file(properties).build();
    }

    /** Properties as in the file, under environment variables such as {@code CORS_ALLOWED_ORIGINS}. */
    public static Config of(Map<String, String> properties, Map<String, String> environment) {
        return layers().file(properties).environment(environment).build();
    }

    public static TestConfig layers() {
        return new TestConfig();
    }

    public TestConfig file(Map<String, String> properties) {
        builder.withSources(new PropertiesConfigSource(properties, "microprofile-config.properties", FILE));
        return this;
    }

    public TestConfig file(URL properties) {
        try {
            builder.withSources(new PropertiesConfigSource(properties, FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Named as variables are ({@code CORS_MAX_AGE}); SmallRye maps them to keys as it does real ones. */
    public TestConfig environment(Map<String, String> variables) {
        builder.withSources(new EnvConfigSource(variables, ENVIRONMENT));
        return this;
    }

    /** This JVM's system properties as they are when the config is read (SmallRye's own source, ordinal 400). */
    public TestConfig systemProperties() {
        builder.withSources(new SysPropConfigSource());
        return this;
    }

    public Config build() {
        return builder.build();
    }
}
