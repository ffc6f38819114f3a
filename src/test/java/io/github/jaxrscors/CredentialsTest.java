package io.github.jaxrscors;

import static io.github.jaxrscors.testing.EdgeCaseApps.elements;
import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jaxrscors.testing.EdgeCaseApps;
import io.github.jaxrscors.testing.EdgeCaseApps.Server;
import io.github.jaxrscors.testing.ItemsApps;
import io.github.jaxrscors.testing.ItemsApps.App;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credentials ({@code cors.allow-credentials}): over real HTTP, no {@code Access-Control-*} header
 * of a credentialed answer carries {@code *}, whatever the request asks, and without credentials
 * any origin is answered {@code *}; at startup, plain-http origins other than loopback are refused
 * with credentials unless {@code cors.allow-insecure-origins} accepts the risk. ({@code *} with
 * credentials is refused too: {@link RefusedAtStartupTest}.)
 */
class CredentialsTest {

    private static final ItemsApps APPS = new ItemsApps();
    private static final EdgeCaseApps EDGE_CASES = new EdgeCaseApps();

    @AfterAll
    static void stop() {
        APPS.close();
        EDGE_CASES.close();
    }

    @Test
    void withCredentialsNoHeaderCarriesAWildcard() {
        App app = APPS.app("credentials-any", CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyMethod().allowAnyHeader()
                .exposeHeader("X-Total-Count").allowCredentials(true).build());

        Reply preflight = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "x-one, x-two");
        Reply actual = app.send("GET", "items", "Origin", ORIGIN);

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.elements("Access-Control-Allow-Methods")).contains("PATCH");
        assertThat(preflight.elements("Access-Control-Allow-Headers")).contains("x-one", "x-two");
        assertThat(actual.status()).isEqualTo(200);
        for (Reply reply : List.of(preflight, actual)) {
            assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            reply.corsHeaders().forEach(name -> assertThat(reply.all(name)).as(name).noneMatch(v -> v.contains("*")));
        }
    }

    static Stream<List<String>> credentialedExchanges() {
        return Stream.of(
                List.of("OPTIONS /r", "Access-Control-Request-Method: PUT"),
                List.of("OPTIONS /r", "Access-Control-Request-Method: PATCH", "Access-Control-Request-Headers: x-a"),
                List.of("OPTIONS /r", "Access-Control-Request-Method: *"),
                List.of("OPTIONS /r", "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: *"),
                List.of("OPTIONS /r", "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: x-a, *"),
                List.of("OPTIONS /r", "Access-Control-Request-Method: *", "Access-Control-Request-Headers: *"),
                List.of("OPTIONS /missing", "Access-Control-Request-Method: PUT"),
                List.of("GET /r"),
                List.of("PUT /r"),
                List.of("DELETE /r"),
                List.of("GET /missing"),
                List.of("GET /r/fails"),
                List.of("OPTIONS /r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialedExchanges")
    void credentialsAreNeverCombinedWithAWildcard(List<String> exchange) {
        String[] requestLine = exchange.get(0).split(" ");
        List<String> lines = new ArrayList<>(List.of("Origin: " + EdgeCaseApps.ORIGIN));
        lines.addAll(exchange.subList(1, exchange.size()));
        Reply response = EDGE_CASES.sendLines(Server.ANY_WITH_CREDENTIALS, requestLine[0], requestLine[1], lines);
        assertThat(response.status()).as(response.raw()).isLessThan(600);
        for (Map.Entry<String, String> header : response.headers()) {
            if (header.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                assertThat(elements(header.getValue())).as(response.raw()).doesNotContain("*");
            }
        }
        if (!response.corsHeaders().isEmpty()) {
            assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(EdgeCaseApps.ORIGIN);
        }
    }

    @Test
    void withoutCredentialsAnyOriginIsAnsweredWithTheWildcard() {
        Reply response = EDGE_CASES.send(Server.ANY_ORIGIN, "GET", "/r", "Origin: https://anyone.example.net");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
    }

    /* Plain http with credentials: refused at startup. */

    record Origin(String origin, boolean insecure) {
        @Override
        public String toString() {
            return origin;
        }
    }

    static Stream<Origin> originsWithCredentials() {
        return Stream.of(
                new Origin("http://app.example.com", true),
                new Origin("http://app.example.com:8080", true),
                new Origin("http://*.example.com", true),
                new Origin("http://10.0.0.5", true),
                new Origin("http://127.0.0.1.evil.example", true),
                new Origin("http://localhost.evil.example", true),
                new Origin("http://[2001:db8::1]", true),
                new Origin("https://app.example.com", false),
                new Origin("http://localhost", false),
                new Origin("http://localhost:*", false),
                new Origin("http://app.localhost:3000", false),
                new Origin("http://*.app.localhost", false),
                new Origin("http://127.0.0.1:8080", false),
                new Origin("http://127.255.0.9", false),
                new Origin("http://[::1]:8080", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originsWithCredentials")
    void plainHttpBeyondLoopbackIsRefusedWithCredentials(Origin row) {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class,
                () -> CorsPolicy.builder().allowOrigin(row.origin()).allowCredentials(true).build());

        if (!row.insecure()) {
            assertThat(e).as("accepted").isNull();
            return;
        }
        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("allowOrigin");
            assertThat(problem.value()).isEqualTo(row.origin());
            assertThat(problem.message()).contains("plain http", "credentials (allowCredentials = true)",
                    "network path", "allowInsecureOrigins(true)");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originsWithCredentials")
    void plainHttpIsFineWithoutCredentialsOrWithTheOptIn(Origin row) {
        assertThatCode(() -> CorsPolicy.builder().allowOrigin(row.origin()).build()).doesNotThrowAnyException();
        assertThat(CorsPolicy.builder().allowOrigin(row.origin()).allowCredentials(true).allowInsecureOrigins(true).build()
                .allowInsecureOrigins()).isTrue();
    }

    @Test
    void theConfigurationNamesItsOwnOptIn() {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", "https://app.example.com",
                "cors.policy.legacy.allowed-origins", "http://legacy.example.com",
                "cors.policy.legacy.allow-credentials", "true"))));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("cors.policy.legacy.allowed-origins");
            assertThat(problem.message()).contains("cors.policy.legacy.allow-credentials = true",
                    "cors.policy.legacy.allow-insecure-origins=true");
        });
        assertThat(CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", "http://legacy.example.com", "cors.allow-credentials", "true",
                "cors.allow-insecure-origins", "true"))).allowedOrigins()).containsExactly("http://legacy.example.com");
    }
}
