package io.github.jaxrscors.runtime.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.Settings;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code cors:} block as Dropwizard reads a service's YAML: through Dropwizard's own
 * configuration factory (its YAML parser, {@code FAIL_ON_UNKNOWN_PROPERTIES}, {@code -D} overrides)
 * and, where the service asks for it, its {@code SubstitutingSourceProvider} with the environment.
 * No server is started: the matrix starts real Dropwizard services.
 */
class CorsBlockTest {

    /** Stands in for the service's configuration class, which knows nothing of CORS. */
    public static final class ServiceConfiguration {
        public String name;
        public Nested nested;
    }

    public static final class Nested {
        public String value;
    }

    /** A configuration class that binds {@code cors} itself. */
    public static final class OwnCorsConfiguration {
        @JsonProperty("cors")
        public Map<String, Object> crossOrigin;
    }

    record Case(String description, String yaml, Map<String, String> expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no cors block", "name: orders\n", Map.of()),
                new Case("an empty cors block", "cors:\nname: orders\n", Map.of()),
                new Case("scalars, as the library reads them", """
                        cors:
                          allowed-origins: https://app.example.com, https://admin.example.com
                          allow-credentials: true
                          max-age: 600
                          exposed-headers:
                        name: orders
                        """, Map.of("cors.allowed-origins", "https://app.example.com, https://admin.example.com",
                        "cors.allow-credentials", "true", "cors.max-age", "600")),
                new Case("YAML lists, joined with commas", """
                        cors:
                          allowed-origins:
                            - https://app.example.com
                            - https://admin.example.com
                          allowed-methods: [PUT, DELETE]
                        """, Map.of("cors.allowed-origins", "https://app.example.com,https://admin.example.com",
                        "cors.allowed-methods", "PUT,DELETE")),
                new Case("named policies", """
                        cors:
                          allowed-origins: [https://app.example.com]
                          policy:
                            partners:
                              allowed-origins: [https://partner.example.net]
                              max-age: 0
                        """, Map.of("cors.allowed-origins", "https://app.example.com",
                        "cors.policy.partners.allowed-origins", "https://partner.example.net", "cors.policy.partners.max-age", "0")),
                new Case("a dotted key inside the block", """
                        cors:
                          policy.partners.allowed-origins: https://partner.example.net
                        """, Map.of("cors.policy.partners.allowed-origins", "https://partner.example.net")),
                new Case("a misspelt key is kept, for the library to report", """
                        cors:
                          alowed-origins: https://app.example.com
                        """, Map.of("cors.alowed-origins", "https://app.example.com")),
                new Case("environment variables, substituted by Dropwizard before parsing", """
                        cors:
                          allowed-origins: ${JAXRS_CORS_TEST_UNSET:-https://default.example.com}
                          allowed-headers: [X-Home-${HOME}]
                        """, Map.of("cors.allowed-origins", "https://default.example.com",
                        "cors.allowed-headers", "X-Home-" + System.getenv("HOME"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flattensTheCorsBlockIntoCorsKeys(Case c) throws Exception {
        CorsBlock block = new CorsBlock(ServiceConfiguration.class);
        ServiceConfiguration configuration = factory(block).build(provider(Map.of("config.yml", c.yaml())), "config.yml");

        assertThat(block.keys()).isEqualTo(c.expected());
        assertThat(block.seen()).isEqualTo(c.yaml().startsWith("cors:"));
        if (c.yaml().contains("name: orders")) {
            assertThat(configuration.name).as("the rest of the configuration is bound as before").isEqualTo("orders");
        }
    }

    /** Dropwizard's {@code -D<prefix>.cors.*} overrides land in the block, even without one in the file. */
    @Test
    void systemPropertyOverridesApply() throws Exception {
        String property = "jaxrscorstest.cors.allowed-origins";
        System.setProperty(property, "https://override.example.com");
        try {
            CorsBlock block = new CorsBlock(ServiceConfiguration.class);
            factory(block).build(provider(Map.of("config.yml", "cors:\n  allowed-origins: https://app.example.com\n")), "config.yml");
            assertThat(block.keys()).containsExactly(Map.entry("cors.allowed-origins", "https://override.example.com"));
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void aCorsFieldBelowTheRootIsNotTheLibrarys() {
        CorsBlock block = new CorsBlock(ServiceConfiguration.class);
        assertThatThrownBy(() -> factory(block).build(provider(Map.of("config.yml", "nested:\n  cors: {}\n")), "config.yml"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Unrecognized field at: nested.cors");
        assertThat(block.seen()).isFalse();
    }

    @Test
    void aBlockThatIsNotAMapIsRefusedByDropwizardWithItsLine() {
        assertThatThrownBy(() -> factory(new CorsBlock(ServiceConfiguration.class))
                .build(provider(Map.of("config.yml", "name: orders\ncors: https://app.example.com\n")), "config.yml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("config.yml has an error")
                .hasMessageContaining("cors: must hold keys such as allowed-origins");
        assertThatThrownBy(() -> factory(new CorsBlock(ServiceConfiguration.class))
                .build(provider(Map.of("config.yml", "cors:\n  allowed-origins: [{host: app.example.com}]\n")), "config.yml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cors.allowed-origins: a list of values is expected");
    }

    @Test
    void aConfigurationClassThatBindsCorsItselfIsTold() {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(CorsBlock.isDeclaredBy(OwnCorsConfiguration.class, mapper)).isTrue();
        assertThat(CorsBlock.isDeclaredBy(ServiceConfiguration.class, mapper)).isFalse();
    }

    /** {@code cors.refresh-interval}: each re-read parses the file again, as Dropwizard did at start. */
    @Test
    void aRereadSeesTheChangedFile() throws Exception {
        Map<String, String> files = new HashMap<>(Map.of("config.yml", "cors:\n  allowed-origins: https://app.example.com\n"
                + "  refresh-interval: 1s\n"));
        CorsBlock block = new CorsBlock(ServiceConfiguration.class);
        factory(block).build(provider(files), "config.yml");
        Settings settings = new Settings(new YamlSettings(block.keys(), block));
        assertThat(settings.get("cors.allowed-origins")).isEqualTo("https://app.example.com");
        assertThat(ConfigReader.read(settings, null, Set.of()).refreshInterval()).isPresent();

        assertThat(settings.reread().sameAs(settings)).as("the file unchanged").isTrue();
        files.put("config.yml", "cors:\n  allowed-origins: [https://new.example.com]\n  refresh-interval: 1s\n");
        Settings reread = settings.reread();
        assertThat(reread.get("cors.allowed-origins")).isEqualTo("https://new.example.com");

        files.put("config.yml", "name: [not, a, string]\ncors:\n  allowed-origins: https://other.example.com\n");
        assertThatThrownBy(reread::reread).isInstanceOfSatisfying(CorsConfigException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.where()).isEqualTo("config.yml");
                assertThat(problem.message()).contains("could not be read again", "the policy read before stays in use");
            });
        });
        files.remove("config.yml");
        assertThatThrownBy(reread::reread).isInstanceOf(CorsConfigException.class).hasMessageContaining("config.yml");
    }

    /** Through the same factories as {@code CorsBundle} gives Dropwizard, with {@code -Djaxrscorstest.*} as the overrides. */
    private static ConfigurationFactory<ServiceConfiguration> factory(CorsBlock block) {
        ObjectMapper mapper = new ObjectMapper();
        mapper.addHandler(block);
        return new RereadingFactories<>(new DefaultConfigurationFactoryFactory<ServiceConfiguration>(), block)
                .create(ServiceConfiguration.class, null, mapper, "jaxrscorstest");
    }

    /** The files of a map, read as a service that substitutes environment variables reads its YAML. */
    private static ConfigurationSourceProvider provider(Map<String, String> files) {
        ConfigurationSourceProvider plain = path -> {
            String text = files.get(path);
            if (text == null) {
                throw new FileNotFoundException(path);
            }
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        };
        return new SubstitutingSourceProvider(plain, new EnvironmentVariableSubstitutor(false));
    }
}
