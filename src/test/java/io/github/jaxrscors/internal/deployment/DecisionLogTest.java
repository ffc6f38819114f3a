package io.github.jaxrscors.internal.deployment;

import static io.github.jaxrscors.testing.ItemsApps.EVIL;
import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsPolicies;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.testing.DeploymentSummary;
import io.github.jaxrscors.testing.ItemsApps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision log: the reasons it gives, a malformed origin told apart from a foreign one; and over
 * real HTTP, every rejection logged once at DEBUG (JUL's {@code FINE}), naming the policy and the
 * route, and no allowance at that level. The README's example lines: {@code ReadmeExamplesTest}.
 */
class DecisionLogTest {

    private static final ItemsApps APPS = new ItemsApps();

    @AfterAll
    static void stop() {
        APPS.close();
    }

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

    /* Over HTTP: every rejection is logged once at debug level. */

    @Test
    void rejectionsAreLoggedAtDebugLevel() {
        List<String> preflight = captureLog(() -> APPS.defaultApp().send("OPTIONS", "items", "Origin", ORIGIN,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-token, X-Other"));
        List<String> actual = captureLog(() -> APPS.defaultApp().send("GET", "items", "Origin", EVIL));
        List<String> method = captureLog(() -> APPS.defaultApp().send("DELETE", "items", "Origin", ORIGIN));
        List<String> allowed = captureLog(() -> APPS.defaultApp().send("GET", "items", "Origin", ORIGIN));

        assertThat(preflight).containsExactly(
                "preflight rejected: header 'x-other' not allowed by policy 'default' for PUT /items");
        assertThat(actual).containsExactly("request rejected: origin 'https://evil.example' not allowed by policy 'default' for GET /items");
        assertThat(method).containsExactly("request rejected: method 'DELETE' not allowed by policy 'default' for DELETE /items");
        assertThat(allowed).as("allowed requests are not logged at debug level").isEmpty();
    }

    /** The messages logged at FINE (System.Logger's DEBUG) on the library's logger while {@code action} runs. */
    static List<String> captureLog(Supplier<?> action) {
        Logger logger = Logger.getLogger(DecisionLog.LOGGER);
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.FINE && !DeploymentSummary.is(record.getMessage())) {
                    messages.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
        try {
            action.get();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
        return List.copyOf(messages);
    }
}
