package io.github.jaxrscors.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.CorsPolicies;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.internal.policy.Decision;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reasons the decision log gives, a malformed origin told apart from a foreign one. */
class DecisionLogTest {

    private static final CompiledPolicy EXACT = CorsPolicies.compile(CorsPolicy.builder()
            .allowOrigin("https://app.example.com").allowHeader("X-Request-Id").build());
    private static final CompiledPolicy SUBDOMAINS = CorsPolicies.compile(CorsPolicy.builder()
            .allowOrigin("https://*.example.com").build());

    record Row(String description, CompiledPolicy policy, String origin, String headers, String reason) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("foreign origin", EXACT, "https://evil.example", null,
                        "origin 'https://evil.example' not allowed"),
                new Row("trailing slash, refused before parsing", EXACT, "https://app.example.com/", null,
                        "origin 'https://app.example.com/' is malformed (or repeated, or too long), so not allowed"),
                new Row("two origins in one value", SUBDOMAINS, "https://a.example.com,https://b.example.com", null,
                        "origin 'https://a.example.com,https://b.example.com' is malformed (or repeated, or too long), so not allowed"),
                new Row("null", EXACT, "null", null,
                        "origin 'null' is malformed (or repeated, or too long), so not allowed"),
                new Row("control characters never reach the log", EXACT, "https://evil.example\r\nX: y", null,
                        "origin 'https://evil.example??X: y' is malformed (or repeated, or too long), so not allowed"),
                new Row("header", EXACT, "https://app.example.com", "x-request-id, X-Token",
                        "header 'x-token' not allowed"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void reasonNamesWhatWasRefused(Row row) {
        Decision decision = row.policy().preflight(row.origin(), "GET", row.headers(), false);

        assertThat(decision.allowed()).isFalse();
        assertThat(DecisionLog.reason(decision, row.origin(), "GET", row.headers(), null)).isEqualTo(row.reason());
    }
}
