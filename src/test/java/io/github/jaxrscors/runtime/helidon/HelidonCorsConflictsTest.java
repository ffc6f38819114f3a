package io.github.jaxrscors.runtime.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsConfigException.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which configurations turn Helidon's own CORS support on beside jaxrs-cors, and what the user is told. */
class HelidonCorsConflictsTest {

    /**
     * A configuration (its listed keys and values; {@code unlisted} are set but not listed, as an
     * environment variable may be) and the keys of the problems expected, each with fragments of its message.
     */
    record Case(String description, Map<String, String> listed, Map<String, String> unlisted, Map<String, List<String>> expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static final List<String> FEATURE_MESSAGE = List.of("turns on Helidon's CORS feature", "answers preflights before jaxrs-cors",
            "without cors.allow-origins it allows every origin", "remove server.features.cors", "server.features.cors.enabled=false");

    static Stream<Case> cases() {
        return Stream.of(
                none("nothing configured", Map.of()),
                none("jaxrs-cors's keys, the ones Helidon shares included", Map.of("cors.allowed-origins", "https://app.example.com",
                        "cors.enabled", "true", "cors.max-age", "600", "cors.allow-credentials", "true",
                        "cors.policy.partners.allowed-origins", "https://partner.example.net")),
                none("a misspelt key of a named policy is left to the unknown-key check",
                        Map.of("cors.policy.partners.allow-origins", "https://partner.example.net")),
                none("Helidon's other server features", Map.of("server.features.observe.observers.0.type", "health")),
                none("the feature switched off", Map.of("server.features.cors.enabled", "false")),
                none("switched off the way Helidon reads booleans", Map.of("server.features.cors.enabled", "no")),
                none("an empty switch is unset", Map.of("server.port", "8080"), Map.of("server.features.cors.enabled", "")),
                new Case("the feature switched on", Map.of("server.features.cors.enabled", "true"), Map.of(),
                        Map.of("server.features.cors.enabled", FEATURE_MESSAGE)),
                new Case("switched on the way Helidon reads booleans", Map.of("server.features.cors.enabled", "YES"), Map.of(),
                        Map.of("server.features.cors.enabled", FEATURE_MESSAGE)),
                new Case("the feature's node alone creates it, enabled", Map.of("server.features.cors.weight", "900"), Map.of(),
                        Map.of("server.features.cors.weight", FEATURE_MESSAGE)),
                new Case("switched on through an environment variable, which is not listed", Map.of(),
                        Map.of("server.features.cors.enabled", "true"), Map.of("server.features.cors.enabled", FEATURE_MESSAGE)),
                new Case("Helidon's path entries", keys("cors.paths.0.path-pattern", "/api/items", "cors.paths.0.allow-origins",
                        "https://app.example.com", "cors.paths.0.allow-methods", "PUT", "cors.paths.1.enabled", "false"), Map.of(),
                        Map.of("cors.paths.0.allow-origins", List.of("Helidon's CORS configuration", "remove the key",
                                        "write cors.allowed-origins"),
                                "cors.paths.0.allow-methods", List.of("write cors.allowed-methods"),
                                "cors.paths.0.path-pattern", List.of("@Cors(\"<name>\")", "cors.policy.<name>.*"),
                                "cors.paths.1.enabled", List.of("@Cors(enabled = false)"))),
                new Case("a YAML list below a path entry", Map.of("cors.paths.0.allow-headers.1", "X-Token"), Map.of(),
                        Map.of("cors.paths.0.allow-headers.1", List.of("write cors.allowed-headers"))),
                new Case("Helidon's keys for all paths, directly below cors", keys("cors.allow-origins", "https://app.example.com",
                        "cors.expose-headers", "X-Total"), Map.of(),
                        Map.of("cors.allow-origins", List.of("Helidon's CORS configuration", "write cors.allowed-origins"),
                                "cors.expose-headers", List.of("write cors.exposed-headers"))),
                new Case("a Helidon CORS user's whole set-up: the feature and its keys, every problem at once",
                        keys("server.features.cors.enabled", "true", "cors.paths.0.allow-origins", "https://app.example.com"), Map.of(),
                        Map.of("server.features.cors.enabled", FEATURE_MESSAGE,
                                "cors.paths.0.allow-origins", List.of("write cors.allowed-origins"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsHelidonsCorsSettings(Case c) {
        Map<String, String> all = new LinkedHashMap<>(c.unlisted());
        all.putAll(c.listed());
        List<Problem> problems = HelidonCorsConflicts.conflicts(all::get, c.listed().keySet());

        assertThat(problems).extracting(Problem::where).containsExactlyInAnyOrderElementsOf(c.expected().keySet());
        for (Problem problem : problems) {
            assertThat(problem.value()).as("the value of " + problem.where()).isEqualTo(all.get(problem.where()));
            assertThat(problem.message()).as(problem.where()).contains(c.expected().get(problem.where()));
        }
    }

    @Test
    void theFeatureComesFirstThenTheKeysInOrder() {
        Map<String, String> config = keys("cors.paths.1.allow-origins", "https://b.example.com", "server.features.cors.enabled", "on",
                "cors.paths.0.allow-origins", "https://a.example.com");
        assertThat(HelidonCorsConflicts.conflicts(config::get, config.keySet())).extracting(Problem::where)
                .containsExactly("server.features.cors.enabled", "cors.paths.0.allow-origins", "cors.paths.1.allow-origins");
    }

    @Test
    void readsOnlyTheKeysItReports() {
        Set<String> asked = new TreeSet<>();
        Map<String, String> config = keys("cors.allowed-origins", "https://app.example.com", "cors.paths.0.allow-origins", "https://a.example.com");
        HelidonCorsConflicts.conflicts(key -> {
            asked.add(key);
            return config.get(key);
        }, config.keySet());
        assertThat(asked).containsExactlyInAnyOrder("server.features.cors.enabled", "cors.paths.0.allow-origins");
    }

    private static Case none(String description, Map<String, String> listed) {
        return none(description, listed, Map.of());
    }

    private static Case none(String description, Map<String, String> listed, Map<String, String> unlisted) {
        return new Case(description, listed, unlisted, Map.of());
    }

    private static Map<String, String> keys(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
