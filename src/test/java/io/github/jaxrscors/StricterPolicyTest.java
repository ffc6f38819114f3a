package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.policy.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What is refused beyond the Fetch standard's own rules: plain-http origins with credentials,
 * private network access for any origin, and builder arguments that are null or blank; and the
 * problems as values a tool can act on.
 */
class StricterPolicyTest {

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

    @Test
    void privateNetworkAccessIsRefusedForAnyOrigin() {
        CorsConfigException inCode = catchThrowableOfType(CorsConfigException.class,
                () -> CorsPolicy.builder().allowAnyOrigin().allowPrivateNetwork(true).build());
        CorsConfigException inConfig = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(
                TestConfig.of(Map.of("cors.allowed-origins", "*", "cors.allow-private-network", "true"))));

        assertThat(inCode.problems()).singleElement().hasToString("allowPrivateNetwork: private network access cannot be "
                + "combined with any origin ('*' in allowAnyOrigin): any website could reach servers on your visitors' "
                + "private networks through their browsers. List the origins explicitly");
        assertThat(inConfig.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("cors.allow-private-network");
            assertThat(problem.message()).contains("'*' in cors.allowed-origins");
        });
        assertThatCode(() -> CorsPolicy.builder().allowOrigin("https://app.example.com").allowPrivateNetwork(true).build())
                .doesNotThrowAnyException();
    }

    record Call(String description, Consumer<CorsPolicy.Builder> call, Class<? extends RuntimeException> type, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Call> badArguments() {
        return Stream.of(
                new Call("allowOrigin(null)", b -> b.allowOrigin(null), NullPointerException.class, "allowOrigin: origin is null"),
                new Call("allowOrigin(\"\")", b -> b.allowOrigin(""), IllegalArgumentException.class, "allowOrigin: origin is empty"),
                new Call("allowOrigin(\" \")", b -> b.allowOrigin(" "), IllegalArgumentException.class, "allowOrigin: origin is blank"),
                new Call("allowHost(null)", b -> b.allowHost(null), NullPointerException.class, "allowHost: host is null"),
                new Call("allowHost(\"\")", b -> b.allowHost(""), IllegalArgumentException.class, "allowHost: host is empty"),
                new Call("allowHost(host, null)", b -> b.allowHost("example.com", null), NullPointerException.class,
                        "allowHost: schemes is null"),
                new Call("allowHost(host, [\"\"])", b -> b.allowHost("example.com", List.of("")), IllegalArgumentException.class,
                        "allowHost: schemes element is empty"),
                new Call("allowHost(host, schemes, null)", b -> b.allowHost("example.com", List.of("https"), null),
                        NullPointerException.class, "allowHost: subDomains is null"),
                new Call("allowHost(host, schemes, [\" \"])", b -> b.allowHost("example.com", List.of("https"), List.of(" ")),
                        IllegalArgumentException.class, "allowHost: subDomains element is blank"),
                new Call("allowOrigins(null)", b -> b.allowOrigins(null), NullPointerException.class, "allowOrigins: predicate is null"),
                new Call("allowMethod(null)", b -> b.allowMethod(null), NullPointerException.class, "allowMethod: method is null"),
                new Call("allowMethod(\"\")", b -> b.allowMethod(""), IllegalArgumentException.class, "allowMethod: method is empty"),
                new Call("allowHeader(null)", b -> b.allowHeader(null), NullPointerException.class, "allowHeader: header is null"),
                new Call("allowHeader(\"\\t\")", b -> b.allowHeader("\t"), IllegalArgumentException.class, "allowHeader: header is blank"),
                new Call("allowHeadersPrefixed(null)", b -> b.allowHeadersPrefixed(null), NullPointerException.class,
                        "allowHeadersPrefixed: prefix is null"),
                new Call("allowHeadersPrefixed(\"\")", b -> b.allowHeadersPrefixed(""), IllegalArgumentException.class,
                        "allowHeadersPrefixed: prefix is empty"),
                new Call("allowHeaders(null)", b -> b.allowHeaders(null), NullPointerException.class, "allowHeaders: predicate is null"),
                new Call("exposeHeader(null)", b -> b.exposeHeader(null), NullPointerException.class, "exposeHeader: header is null"),
                new Call("exposeHeader(\"\")", b -> b.exposeHeader(""), IllegalArgumentException.class, "exposeHeader: header is empty"),
                new Call("maxAge(null)", b -> b.maxAge(null), NullPointerException.class, "maxAge: maxAge is null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void nullOrBlankArgumentsAreRefusedAtTheCall(Call row) {
        CorsPolicy.Builder builder = CorsPolicy.builder();

        RuntimeException thrown = catchThrowableOfType(row.type(), () -> row.call().accept(builder));

        assertThat(thrown).as("refused at the call").isNotNull().hasMessage(row.message());
        assertThat(builder.build()).as("nothing was recorded").isEqualTo(CorsPolicy.builder().build());
    }

    @Test
    void aPrefixThatWouldMatchEveryHeaderIsNeverAllowed() {
        CorsPolicy policy = CorsPolicy.builder().allowOrigin("https://app.example.com").allowHeadersPrefixed("X-").build();

        CompiledPolicy compiled = CorsPolicies.compile(policy);

        assertThat(compiled.preflight("https://app.example.com", "GET", "authorization", false).reason("https://app.example.com"))
                .as("not every header").isEqualTo(Reason.HEADER);
        assertThat(compiled.preflight("https://app.example.com", "GET", "x-token", false)).isEqualTo(Decision.ALLOWED_ECHOING_HEADERS);
    }

    @Test
    void problemsAreValuesWithTheirSiteAndValue() {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", "https://app.example.com/",
                "cors.max-age", "-5",
                "cors.alowed-methods", "PUT"))));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                new Problem("cors.alowed-methods", null, "unknown key; did you mean cors.allowed-methods?"),
                new Problem("cors.allowed-origins", "https://app.example.com/",
                        "'https://app.example.com/' has a trailing slash, which an origin never has; write 'https://app.example.com'"),
                new Problem("cors.max-age", "-5", "-5 is negative; use 0 to omit Access-Control-Max-Age"));
        assertThat(e.getMessage()).isEqualTo("Invalid CORS configuration (3 problems):\n"
                + e.problems().stream().map(p -> "  - " + p).reduce((a, b) -> a + "\n" + b).orElseThrow());
    }

    @Test
    void theBuilderReportsItsOwnMethodNames() {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class,
                () -> CorsPolicy.builder().allowOrigin("https://*.github.io").maxAge(Duration.ofSeconds(-1)).preflightStatus(302).build());

        assertThat(e.problems()).extracting(Problem::where).containsExactly("allowOrigin", "maxAge", "preflightStatus");
        assertThat(e.problems()).extracting(Problem::value).containsExactly("https://*.github.io", "-1", "302");
    }

    @Test
    void quarkusOwnCorsFilterMustBeOff() {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", "https://app.example.com", "quarkus.http.cors.enabled", "true"))));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("quarkus.http.cors.enabled");
            assertThat(problem.message()).contains("Quarkus's own CORS filter", "quarkus.http.cors.enabled=false");
        });
        assertThatCode(() -> CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", "https://app.example.com", "quarkus.http.cors.enabled", "false"))))
                .doesNotThrowAnyException();
    }
}
