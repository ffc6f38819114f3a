package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.testing.CapturedLog;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.TestServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cors.explain-refusals}: every refused preflight and actual request carries the reason of
 * the DEBUG log line in {@code Cors-Refusal}, so that a developer reads it in the browser; nothing
 * else changes, and with the key off (the default) no response carries it.
 */
class ExplainRefusalsTest {

    private static final String APP = "https://app.example.com";

    @Path("items")
    public static class Items {
        @GET
        public String list() {
            return "items";
        }
    }

    record Refusal(String description, Map<String, String> config, String method, List<String> headers, int status,
            String reason) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                new Refusal("foreign preflight", Map.of(), "OPTIONS", List.of("Origin", "https://evil.example",
                        "Access-Control-Request-Method", "GET"), 403, "origin 'https://evil.example' not allowed"),
                new Refusal("header not allowed", Map.of(), "OPTIONS", List.of("Origin", APP, "Access-Control-Request-Method",
                        "GET", "Access-Control-Request-Headers", "x-token"), 403, "header 'x-token' not allowed"),
                new Refusal("method not allowed", Map.of(), "OPTIONS", List.of("Origin", APP,
                        "Access-Control-Request-Method", "DELETE"), 403, "method 'DELETE' not allowed"),
                new Refusal("foreign actual request", Map.of(), "GET", List.of("Origin", "https://evil.example"), 403,
                        "origin 'https://evil.example' not allowed"),
                new Refusal("malformed origin", Map.of(), "GET", List.of("Origin", "null"), 403,
                        "origin 'null' is malformed (or repeated, or too long), so not allowed"),
                new Refusal("refused but let through", Map.of("cors.reject-disallowed", "false"), "GET",
                        List.of("Origin", "https://evil.example"), 200, "origin 'https://evil.example' not allowed"),
                new Refusal("private network asked, not allowed: answered without permission", Map.of(), "OPTIONS",
                        List.of("Origin", APP, "Access-Control-Request-Method", "GET", "Access-Control-Request-Private-Network",
                                "true"), 204, "private network access not allowed (allow it with allow-private-network)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRefusalCarriesItsReason(Refusal row) {
        Map<String, String> config = new HashMap<>(row.config());
        config.put("cors.allowed-origins", APP);
        config.put("cors.explain-refusals", "true");
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class), TestConfig.of(config))) {
            Reply reply = server.send(row.method(), "items", row.headers().toArray(String[]::new));

            assertThat(reply.status()).isEqualTo(row.status());
            assertThat(reply.all("Cors-Refusal")).containsExactly(row.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void offByDefault(Refusal row) {
        Map<String, String> config = new HashMap<>(row.config());
        config.put("cors.allowed-origins", APP);
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class), TestConfig.of(config))) {
            Reply reply = server.send(row.method(), "items", row.headers().toArray(String[]::new));

            assertThat(reply.status()).isEqualTo(row.status());
            assertThat(reply.all("Cors-Refusal")).isEmpty();
        }
    }

    @Test
    void anAllowedRequestCarriesNone() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class),
                TestConfig.of(Map.of("cors.allowed-origins", APP, "cors.explain-refusals", "true")))) {
            assertThat(server.send("GET", "items", "Origin", APP).all("Cors-Refusal")).isEmpty();
            assertThat(server.send("OPTIONS", "items", "Origin", APP, "Access-Control-Request-Method", "GET")
                    .all("Cors-Refusal")).isEmpty();
        }
    }

    @Test
    void aReportOnlyPolicyAddsNothing() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class), TestConfig.of(Map.of(
                "cors.allowed-origins", APP, "cors.explain-refusals", "true", "cors.report-only", "true")))) {
            Reply reply = server.send("GET", "items", "Origin", "https://evil.example");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.all("Cors-Refusal")).isEmpty();
        }
    }

    @Test
    void controlCharactersNeverReachTheHeader() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class),
                TestConfig.of(Map.of("cors.allowed-origins", APP, "cors.explain-refusals", "true")))) {
            Reply reply = server.send("OPTIONS", "items", "Origin", APP, "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Headers", "x-tökén");

            assertThat(reply.all("Cors-Refusal")).singleElement()
                    .satisfies(value -> assertThat(value).matches("[\\x20-\\x7e]+").contains("is not a list of header names"));
        }
    }

    @Test
    void deploymentWarnsWhileItIsOn() {
        List<String> warnings;
        try (CapturedLog log = CapturedLog.of(DecisionLog.LOGGER);
             TestServer server = TestServer.start(new ResourceConfig(Items.class),
                TestConfig.of(Map.of("cors.allowed-origins", APP, "cors.explain-refusals", "true")))) {
            server.send("GET", "items", "Origin", APP);
            warnings = log.messages(Level.WARNING);
        }
        assertThat(warnings).containsExactly("cors.explain-refusals is on: every refused request carries the reason in a "
                + "Cors-Refusal header that any client can read; turn it off outside development");
    }
}
