package io.github.jaxrscors.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The paths of {@code cors.policy.<name>.paths}: what they are, and what they cover and match. */
class PathPatternTest {

    record Match(String pattern, String path, boolean matches) {
        @Override
        public String toString() {
            return pattern + (matches ? " matches " : " does not match ") + path;
        }
    }

    static Stream<Match> matches() {
        return Stream.of(
                new Match("/health", "health", true),
                new Match("/health", "healthz", false),
                new Match("/health", "health/x", false),
                new Match("/health", "", false),
                new Match("/api/public/*", "api/public", true),
                new Match("/api/public/*", "api/public/a", true),
                new Match("/api/public/*", "api/public/a/b", true),
                new Match("/api/public/*", "api/publicity", false),
                new Match("/api/public/*", "api", false),
                new Match("/api/public/*", "api/private/a", false),
                new Match("/*", "", true),
                new Match("/*", "anything/at/all", true),
                new Match("/", "", true),
                new Match("/", "x", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void matchesRequestPaths(Match row) {
        PathPattern pattern = PathPattern.parse(row.pattern());
        String path = "/app/" + row.path();
        assertThat(pattern.matches(path, 5, path.length())).isEqualTo(row.matches());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void coversTheSameLiteralTemplates(Match row) {
        assertThat(PathPattern.parse(row.pattern()).covers(row.path())).isEqualTo(row.matches());
    }

    @Test
    void aTemplateVariableIsNoLiteral() {
        assertThat(PathPattern.parse("/orders/*").covers("orders/{id}")).isTrue();
        assertThat(PathPattern.parse("/orders/7").covers("orders/{id}")).as("a path, not a template").isFalse();
    }

    record Refused(String pattern, String reason) {
        @Override
        public String toString() {
            return pattern;
        }
    }

    static Stream<Refused> refused() {
        return Stream.of(
                new Refused("health", "does not start with '/'"),
                new Refused("/api//x", "has an empty segment"),
                new Refused("/api/", "has an empty segment"),
                new Refused("/api/*/x", "has a '*' that is not its last segment"),
                new Refused("/api*", "has a '*' that is not its last segment"),
                new Refused("/orders/{id}", "(patterns are paths, not @Path templates)"),
                new Refused("/a b", "has ' ', which is not part of a path"),
                new Refused("/a?b", "has '?', which is not part of a path"),
                new Refused("//*", "has an empty segment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatIsNotAPath(Refused row) {
        assertThatThrownBy(() -> PathPattern.parse(row.pattern())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(row.reason());
    }

    @Test
    void theLongerPatternWinsAndAnExactOneOverAPrefixAsLong() {
        assertThat(PathPattern.parse("/api/public/*").isLongerThan(PathPattern.parse("/api/*"))).isTrue();
        assertThat(PathPattern.parse("/api/public").isLongerThan(PathPattern.parse("/api/public/*"))).isTrue();
        assertThat(PathPattern.parse("/api/*").isLongerThan(PathPattern.parse("/api/public/*"))).isFalse();
    }
}
