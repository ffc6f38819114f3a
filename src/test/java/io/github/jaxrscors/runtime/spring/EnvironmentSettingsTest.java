package io.github.jaxrscors.runtime.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The {@code cors.*} keys as Spring Boot users write them, read through a real Spring
 * {@code Environment} with Spring Boot's relaxed binding attached, as in a running application:
 * {@code application.yml} loaded by Spring Boot's own YAML loader, properties, and environment
 * variables (Spring's source for them, over a map).
 */
class EnvironmentSettingsTest {

    /** A name as written in a property source, and the key the library reads it as (null: not the library's). */
    record Spelling(String written, String key) {
        @Override
        public String toString() {
            return written + " -> " + key;
        }
    }

    static Stream<Spelling> spellings() {
        return Stream.of(
                new Spelling("cors.allowed-origins", "cors.allowed-origins"),
                new Spelling("cors.allowedOrigins", "cors.allowed-origins"),
                new Spelling("cors.allowed_origins", "cors.allowed-origins"),
                new Spelling("cors.ALLOWED-ORIGINS", "cors.allowed-origins"),
                new Spelling("CORS.allowed-origins", "cors.allowed-origins"),
                new Spelling("cors.allowed-origins[0]", "cors.allowed-origins"),
                new Spelling("cors.refreshInterval", "cors.refresh-interval"),
                new Spelling("cors.maxAge", "cors.max-age"),
                new Spelling("cors.policy.partners.allowedOrigins", "cors.policy.partners.allowed-origins"),
                new Spelling("cors.policy.partners.allowed-origins[1]", "cors.policy.partners.allowed-origins"),
                new Spelling("cors.policy.myPartners.max-age", "cors.policy.myPartners.max-age"),
                new Spelling("cors.policy.my_partners.allowCredentials", "cors.policy.my_partners.allow-credentials"),
                new Spelling("cors.alowed-origins", "cors.alowed-origins"),
                new Spelling("CORS.alowedOrigins", "cors.alowedOrigins"),
                new Spelling("cors.alowed-origins[2]", "cors.alowed-origins"),
                new Spelling("cors.policy.partners", "cors.policy.partners"),
                new Spelling("cors", null),
                new Spelling("corsair.allowed-origins", null),
                new Spelling("server.port", null),
                new Spelling("spring.jersey.application-path", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void namesAreListedAsTheKeysTheySpell(Spelling spelling) {
        assertThat(EnvironmentSettings.key(spelling.written())).isEqualTo(spelling.key());
    }

    @Test
    void everySpellingOfAKeyReadsItsValue() throws IOException {
        StandardEnvironment environment = environment(yaml("""
                cors:
                  allowedOrigins:
                    - https://app.example.com
                    - https://admin.example.com
                  policy:
                    partners:
                      allowed_origins: ${PARTNER_ORIGIN}
                    myPartners:
                      max-age: 60
                """), Map.of("cors.preflightStatus", "200", "PARTNER_ORIGIN", "https://partner.example.net"),
                Map.of("CORS_ALLOWED_METHODS", "PUT,DELETE", "CORS_POLICY_PARTNERS_MAXAGE", "30"));
        EnvironmentSettings settings = new EnvironmentSettings(environment);

        assertThat(settings.value("cors.allowed-origins")).as("a YAML list, joined").isEqualTo("https://app.example.com,https://admin.example.com");
        assertThat(settings.value("cors.allowed-methods")).as("an environment variable").isEqualTo("PUT,DELETE");
        assertThat(settings.value("cors.preflight-status")).as("camel case in properties").isEqualTo("200");
        assertThat(settings.value("cors.policy.partners.allowed-origins")).as("a placeholder, resolved").isEqualTo("https://partner.example.net");
        assertThat(settings.value("cors.policy.partners.max-age")).as("a policy's key from the environment").isEqualTo("30");
        assertThat(settings.value("cors.policy.myPartners.max-age")).as("a policy name in camel case").isEqualTo("60");
        assertThat(settings.value("cors.exposed-headers")).as("unset").isNull();
    }

    @Test
    void listsTheNamesOfEverySourceButTheEnvironmentAsKnownKeys() throws IOException {
        StandardEnvironment environment = environment(yaml("""
                cors:
                  allowedOrigins: [https://app.example.com]
                  policy.partners.allowed-origins: https://partner.example.net
                server:
                  port: 8080
                """), Map.of("cors.max_age", "60"), Map.of("CORS_ALLOWED_METHODS", "PUT"));

        assertThat(new EnvironmentSettings(environment).propertyNames()).containsExactlyInAnyOrder("cors.allowed-origins",
                "cors.policy.partners.allowed-origins", "cors.max-age");
    }

    /** What the library makes of it: every relaxed spelling is a known key, a typo is still reported. */
    @Test
    void theLibraryReadsRelaxedSpellingsAndRefusesTypos() throws IOException {
        StandardEnvironment environment = environment(yaml("""
                cors:
                  allowedOrigins: [https://app.example.com]
                  allow_credentials: true
                  policy:
                    partners:
                      allowedOrigins: https://partner.example.net
                """), Map.of(), Map.of("CORS_ALLOWED_METHODS", "PUT"));
        ConfigReader.Policies policies = ConfigReader.read(new Settings(new EnvironmentSettings(environment)), null, Set.of());

        assertThat(policies.defaultPolicy().origins()).containsExactly("https://app.example.com");
        assertThat(policies.defaultPolicy().methods()).contains("PUT");
        assertThat(policies.named("partners")).hasValueSatisfying(policy -> assertThat(policy.origins())
                .containsExactly("https://partner.example.net"));

        StandardEnvironment typo = environment(yaml("""
                cors:
                  allowedOrigin: [https://app.example.com]
                """), Map.of(), Map.of());
        assertThatThrownBy(() -> ConfigReader.read(new Settings(new EnvironmentSettings(typo)), null, Set.of()))
                .isInstanceOfSatisfying(CorsConfigException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly("cors.allowedOrigin: unknown key; did you mean cors.allowed-origins?"));
    }

    /** A refresh reads the environment again: a property source the application changes, or adds, is seen. */
    @Test
    void aRereadSeesAChangedPropertySource() throws IOException {
        StandardEnvironment environment = environment(yaml("cors.allowed-origins: https://app.example.com\n"), Map.of(), Map.of());
        Settings settings = new Settings(new EnvironmentSettings(environment));
        assertThat(settings.get("cors.allowed-origins")).isEqualTo("https://app.example.com");
        settings.corsKeys();

        Map<String, Object> runtime = new HashMap<>();
        environment.getPropertySources().addFirst(new MapPropertySource("runtime", runtime));
        assertThat(settings.reread().sameAs(settings)).as("nothing changed yet").isTrue();
        runtime.put("cors.allowedOrigins", "https://new.example.com");
        Settings reread = settings.reread();

        assertThat(reread.sameAs(settings)).isFalse();
        assertThat(reread.get("cors.allowed-origins")).isEqualTo("https://new.example.com");
    }

    private static List<org.springframework.core.env.PropertySource<?>> yaml(String text) throws IOException {
        return new YamlPropertySourceLoader().load("application.yml", new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** As Spring Boot builds it: properties (standing in for the command line), YAML, the environment; relaxed binding attached. */
    private static StandardEnvironment environment(List<org.springframework.core.env.PropertySource<?>> yaml, Map<String, Object> properties,
            Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", properties));
        environment.getPropertySources().addAfter("commandLineArgs",
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        yaml.forEach(environment.getPropertySources()::addLast);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
