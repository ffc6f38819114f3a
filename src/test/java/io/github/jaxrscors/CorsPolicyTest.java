package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jaxrscors.testing.TestConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake refused when the application starts, made through the builder and through
 * {@code cors.*} keys, with the message a user reads; and the documented defaults against the real ones.
 */
class CorsPolicyTest {

    /**
     * One mistake, made once in code and once in configuration. {@code fragments} are the parts of
     * the problem line that must appear (the value, the reason, the fix), after its source.
     */
    record Mistake(String description, UnaryOperator<CorsPolicy.Builder> inCode, String builderSource,
            Map<String, String> inConfig, String configSource, String... fragments) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static final String ORIGIN = "https://app.example.com";

    private static Mistake origin(String description, String origin, String... fragments) {
        return new Mistake(description, b -> b.allowOrigin(origin), "allowOrigin",
                Map.of("cors.allowed-origins", origin), "cors.allowed-origins", prepend("'" + origin + "'", fragments));
    }

    private static Mistake method(String description, String method, String... fragments) {
        return new Mistake(description, b -> b.allowOrigin(ORIGIN).allowMethod(method), "allowMethod",
                Map.of("cors.allowed-origins", ORIGIN, "cors.allowed-methods", method), "cors.allowed-methods",
                prepend("'" + method + "'", fragments));
    }

    private static Mistake header(String description, String header, String... fragments) {
        return new Mistake(description, b -> b.allowOrigin(ORIGIN).allowHeader(header), "allowHeader",
                Map.of("cors.allowed-origins", ORIGIN, "cors.allowed-headers", header), "cors.allowed-headers",
                prepend("'" + header + "'", fragments));
    }

    private static Mistake exposed(String description, String header, String... fragments) {
        return new Mistake(description, b -> b.allowOrigin(ORIGIN).exposeHeader(header), "exposeHeader",
                Map.of("cors.allowed-origins", ORIGIN, "cors.exposed-headers", header), "cors.exposed-headers",
                prepend("'" + header + "'", fragments));
    }

    private static String[] prepend(String first, String... rest) {
        return Stream.concat(Stream.of(first), Arrays.stream(rest)).toArray(String[]::new);
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                origin("origin with a trailing slash", "https://app.example.com/", "trailing slash", "write 'https://app.example.com'"),
                origin("origin with a path", "https://app.example.com/ui", "a path", "write 'https://app.example.com'"),
                origin("origin with a query", "https://app.example.com?x=1", "a query"),
                origin("origin with a fragment", "https://app.example.com#top", "a fragment"),
                origin("origin with user info", "https://me@app.example.com", "user info", "write 'https://app.example.com'"),
                origin("origin with whitespace", "https://app example.com", "whitespace"),
                origin("origin without scheme", "app.example.com", "expected scheme://host[:port]"),
                origin("port 0", "https://app.example.com:0", "outside 1-65535"),
                origin("port 65536", "https://app.example.com:65536", "outside 1-65535"),
                origin("wildcard in the middle", "https://app.*.example.com", "wildcard where none is allowed"),
                origin("wildcard at the end", "https://app.example.*", "wildcard where none is allowed"),
                origin("wildcard over one label", "https://*.com", "a public suffix"),
                origin("the null origin", "null", "cannot be allowed"),
                origin("non-ASCII host", "https://bücher.example", "punycode"),
                new Mistake("any origin with credentials", b -> b.allowAnyOrigin().allowCredentials(true), "allowAnyOrigin",
                        Map.of("cors.allowed-origins", "*", "cors.allow-credentials", "true"), "cors.allowed-origins",
                        "'*' cannot be combined with credentials", "List the origins explicitly"),
                new Mistake("any exposed header with credentials",
                        b -> b.allowOrigin(ORIGIN).exposeHeader("*").allowCredentials(true), "exposeHeader",
                        Map.of("cors.allowed-origins", ORIGIN, "cors.exposed-headers", "*", "cors.allow-credentials", "true"),
                        "cors.exposed-headers", "'*' cannot be combined with credentials", "List the exposed headers explicitly"),
                method("method that is not a token", "PU T", "is not a method name"),
                method("method with a slash", "GET/1", "is not a method name"),
                method("CONNECT", "CONNECT", "forbidden method"),
                method("TRACE", "TRACE", "forbidden method"),
                method("TRACK", "TRACK", "forbidden method"),
                method("trace in lower case", "trace", "forbidden method"),
                header("header that is not a token", "X Token", "is not a header name"),
                header("header with a colon", "X-Token:", "is not a header name"),
                header("prefix with a wildcard inside", "X-*-Id*", "is not a header name"),
                header("Sec- header", "Sec-Fetch-Mode", "forbidden request header", "remove it"),
                header("Proxy- header", "Proxy-Authorization", "forbidden request header"),
                header("Cookie", "Cookie", "forbidden request header"),
                header("Host", "Host", "forbidden request header"),
                header("Origin", "Origin", "forbidden request header"),
                header("Sec- prefix", "Sec-*", "forbidden request header"),
                header("prefix that covers Sec-", "Se*", "forbidden request header"),
                exposed("Set-Cookie exposed", "Set-Cookie", "never exposed to script"),
                exposed("exposed header that is not a token", "X Total", "is not a header name"),
                new Mistake("negative max age", b -> b.allowOrigin(ORIGIN).maxAge(Duration.ofSeconds(-5)), "maxAge",
                        Map.of("cors.allowed-origins", ORIGIN, "cors.max-age", "-5"), "cors.max-age", "-5", "is negative"),
                new Mistake("preflight status 201", b -> b.allowOrigin(ORIGIN).preflightStatus(201), "preflightStatus",
                        Map.of("cors.allowed-origins", ORIGIN, "cors.preflight-status", "201"), "cors.preflight-status",
                        "201 is not a preflight status", "use 204 (the default) or 200"),
                new Mistake("preflight status 404", b -> b.allowOrigin(ORIGIN).preflightStatus(404), "preflightStatus",
                        Map.of("cors.allowed-origins", ORIGIN, "cors.preflight-status", "404"), "cors.preflight-status",
                        "404 is not a preflight status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refusesInCode(Mistake mistake) {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class,
                () -> mistake.inCode().apply(CorsPolicy.builder()).build());

        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().satisfies(problem -> {
            assertThat(problem).startsWith(mistake.builderSource() + ": ");
            assertThat(problem).contains(mistake.fragments());
        });
        assertThat(e.getMessage()).contains(e.problems().stream().map(Object::toString).toList().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refusesInConfig(Mistake mistake) {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class,
                () -> CorsPolicy.fromConfig(TestConfig.of(mistake.inConfig())));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().satisfies(problem -> {
            assertThat(problem).startsWith(mistake.configSource() + ": ");
            assertThat(problem).contains(mistake.fragments());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refusesInANamedPolicy(Mistake mistake) {
        Map<String, String> named = new HashMap<>();
        mistake.inConfig().forEach((key, value) -> named.put(key.replace("cors.", "cors.policy.admin."), value));
        named.put("cors.allowed-origins", ORIGIN);

        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(named)));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().satisfies(problem -> {
            assertThat(problem).startsWith(mistake.configSource().replace("cors.", "cors.policy.admin.") + ": ");
            assertThat(problem).contains(mistake.fragments());
        });
    }

    record ConfigOnly(String description, Map<String, String> config, String... fragments) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<ConfigOnly> configOnlyMistakes() {
        return Stream.of(
                new ConfigOnly("boolean 'yes'", Map.of("cors.allow-credentials", "yes"),
                        "cors.allow-credentials: 'yes' is not a boolean; write true or false"),
                new ConfigOnly("boolean '1'", Map.of("cors.allow-private-network", "1"),
                        "cors.allow-private-network: '1' is not a boolean"),
                new ConfigOnly("boolean 'on'", Map.of("cors.reject-disallowed", "on"), "cors.reject-disallowed: 'on' is not a boolean"),
                new ConfigOnly("boolean '0'", Map.of("cors.allow-same-origin", "0"), "cors.allow-same-origin: '0' is not a boolean"),
                new ConfigOnly("boolean 'no'", Map.of("cors.trust-forwarded-headers", "no"),
                        "cors.trust-forwarded-headers: 'no' is not a boolean"),
                new ConfigOnly("max age not a number", Map.of("cors.max-age", "1d"), "cors.max-age: '1d' is not a whole number"),
                new ConfigOnly("preflight status not a number", Map.of("cors.preflight-status", "No Content"),
                        "cors.preflight-status: 'No Content' is not a whole number"),
                new ConfigOnly("unknown key, one letter off", Map.of("cors.allowed-origin", ORIGIN),
                        "cors.allowed-origin: unknown key; did you mean cors.allowed-origins?"),
                new ConfigOnly("unknown key, underscore", Map.of("cors.allow_credentials", "true"),
                        "cors.allow_credentials: unknown key; did you mean cors.allow-credentials?"),
                new ConfigOnly("unknown key, camel case", Map.of("cors.maxAge", "10"),
                        "cors.maxAge: unknown key; did you mean cors.max-age?"),
                new ConfigOnly("unknown key in a named policy", Map.of("cors.policy.admin.alowed-methods", "PUT"),
                        "cors.policy.admin.alowed-methods: unknown key; did you mean cors.policy.admin.allowed-methods?"),
                new ConfigOnly("unknown key, nothing near", Map.of("cors.fancy-mode-for-everything", "on"),
                        "cors.fancy-mode-for-everything: unknown key; known keys are cors.enabled"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configOnlyMistakes")
    void refusesConfigOnlyMistakes(ConfigOnly row) {
        assertThatThrownBy(() -> CorsPolicy.fromConfig(TestConfig.of(row.config())))
                .isInstanceOfSatisfying(CorsConfigException.class,
                        e -> assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().asString().contains(row.fragments()));
    }

    @Test
    void acceptsBooleansInAnyCase() {
        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", ORIGIN, "cors.allow-credentials", "TRUE", "cors.allow-same-origin", "False",
                "cors.allow-private-network", " true ")));

        assertThat(policy.allowCredentials()).isTrue();
        assertThat(policy.allowSameOrigin()).isFalse();
        assertThat(policy.allowPrivateNetwork()).isTrue();
    }

    @Test
    void refusesBadHostsGivenToAllowHost() {
        assertThatThrownBy(() -> CorsPolicy.builder().allowHost("https://app.example.com").build())
                .isInstanceOfSatisfying(CorsConfigException.class, e -> assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().asString()
                        .contains("allowHost: 'https://app.example.com' is an origin, not a host")
                        .contains("allowOrigin(\"https://app.example.com\")"));
        assertThatThrownBy(() -> CorsPolicy.builder().allowHost("app.example.com", List.of()).build())
                .isInstanceOfSatisfying(CorsConfigException.class, e -> assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().asString()
                        .contains("given no scheme"));
        assertThatThrownBy(() -> CorsPolicy.builder().allowHost("app.example.com/", List.of("https")).build())
                .isInstanceOfSatisfying(CorsConfigException.class, e -> assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().asString()
                        .startsWith("allowHost: 'https://app.example.com/'").contains("trailing slash"));
    }

    @Test
    void reportsEveryMistakeOfTheBuilderTogether() {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.builder()
                .allowOrigin("https://a.example/")
                .allowOrigin("null")
                .allowAnyOrigin()
                .allowCredentials(true)
                .allowMethod("TRACE")
                .allowHeader("Cookie")
                .exposeHeader("Set-Cookie")
                .maxAge(Duration.ofSeconds(-1))
                .preflightStatus(302)
                .build());

        assertThat(e.problems().stream().map(Object::toString).toList()).hasSize(8);
        assertThat(e.problems().stream().map(Object::toString).toList()).anySatisfy(p -> assertThat(p).startsWith("allowOrigin: 'https://a.example/'"))
                .anySatisfy(p -> assertThat(p).startsWith("allowOrigin: 'null'"))
                .anySatisfy(p -> assertThat(p).startsWith("allowAnyOrigin: '*' cannot be combined with credentials"))
                .anySatisfy(p -> assertThat(p).startsWith("allowMethod: 'TRACE'"))
                .anySatisfy(p -> assertThat(p).startsWith("allowHeader: 'Cookie'"))
                .anySatisfy(p -> assertThat(p).startsWith("exposeHeader: 'Set-Cookie'"))
                .anySatisfy(p -> assertThat(p).startsWith("maxAge: -1 is negative"))
                .anySatisfy(p -> assertThat(p).startsWith("preflightStatus: 302"));
        assertThat(e.getMessage()).startsWith("Invalid CORS configuration (8 problems):");
        e.problems().stream().map(Object::toString).toList().forEach(p -> assertThat(e.getMessage()).contains("\n  - " + p));
    }

    @Test
    void reportsEveryMistakeOfTheConfigTogether() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cors.allowed-origins", "https://a.example/, https://*.com, https://ok.example");
        config.put("cors.allowed-methods", "PUT, CONNECT");
        config.put("cors.allowed-headers", "X-Token, Sec-Secret");
        config.put("cors.allow-credentials", "yes");
        config.put("cors.max-age", "-1");
        config.put("cors.preflight-status", "201");
        config.put("cors.alowed-origins", "https://typo.example");
        config.put("cors.policy.admin.allowed-origins", "null");

        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(config)));

        assertThat(e.problems().stream().map(Object::toString).toList()).hasSize(9);
        assertThat(e.problems().stream().map(Object::toString).toList()).anySatisfy(p -> assertThat(p).startsWith("cors.allowed-origins: 'https://a.example/'"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.allowed-origins: 'https://*.com'"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.allowed-methods: 'CONNECT'"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.allowed-headers: 'Sec-Secret'"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.allow-credentials: 'yes'"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.max-age: -1"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.preflight-status: 201"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.alowed-origins: unknown key; did you mean cors.allowed-origins?"))
                .anySatisfy(p -> assertThat(p).startsWith("cors.policy.admin.allowed-origins: 'null'"));
        assertThat(e.getMessage()).startsWith("Invalid CORS configuration (9 problems):");
    }

    @Test
    void readsEveryKey() {
        Map<String, String> config = new HashMap<>();
        config.put("cors.allowed-origins", "https://app.example.com, https://*.example.org, http://localhost:*");
        config.put("cors.allowed-methods", "PUT, DELETE");
        config.put("cors.allowed-headers", "X-Token, X-Custom-*");
        config.put("cors.exposed-headers", "X-Total-Count");
        config.put("cors.allow-credentials", "true");
        config.put("cors.max-age", "600");
        config.put("cors.allow-same-origin", "false");
        config.put("cors.trust-forwarded-headers", "true");
        config.put("cors.allow-private-network", "true");
        config.put("cors.reject-disallowed", "false");
        config.put("cors.preflight-status", "200");

        CorsPolicy fromConfig = CorsPolicy.fromConfig(TestConfig.of(config));
        CorsPolicy inCode = CorsPolicy.builder()
                .allowOrigin("https://app.example.com").allowOrigin("https://*.example.org").allowOrigin("http://localhost:*")
                .allowMethod("PUT").allowMethod("DELETE")
                .allowHeader("X-Token").allowHeadersPrefixed("X-Custom-")
                .exposeHeader("X-Total-Count")
                .allowCredentials(true)
                .maxAge(Duration.ofMinutes(10))
                .allowSameOrigin(false)
                .trustForwardedHeaders(true)
                .allowPrivateNetwork(true)
                .rejectDisallowed(false)
                .preflightStatus(200)
                .build();

        assertThat(fromConfig).isEqualTo(inCode);
        assertThat(fromConfig.allowedOrigins()).containsExactly("https://app.example.com", "https://*.example.org", "http://localhost:*");
        assertThat(fromConfig.allowedMethods()).containsExactly("GET", "HEAD", "POST", "PUT", "DELETE");
        assertThat(fromConfig.allowedHeaders()).containsExactly("x-token", "x-custom-*");
        assertThat(fromConfig.exposedHeaders()).containsExactly("X-Total-Count");
    }

    @Test
    void listsAreTrimmedAndEmptyEntriesIgnored() {
        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", " https://a.example ,, https://b.example ,",
                "cors.allowed-methods", "PUT ,,")));

        assertThat(policy.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(policy.allowedMethods()).containsExactly("GET", "HEAD", "POST", "PUT");
    }

    @Test
    void allowingContentTypeAllowsNonSimpleContentTypes() {
        assertThat(CorsPolicy.builder().allowHeader("Content-Type").build().allowNonSimpleContentTypes()).isTrue();
        assertThat(CorsPolicy.builder().allowHeadersPrefixed("Content-").build().allowNonSimpleContentTypes()).isTrue();
        assertThat(CorsPolicy.builder().allowAnyHeader().build().allowNonSimpleContentTypes()).isTrue();
        assertThat(CorsPolicy.fromConfig(TestConfig.of(Map.of("cors.allowed-headers", "content-type"))).allowNonSimpleContentTypes()).isTrue();
        assertThat(CorsPolicy.builder().allowHeader("X-Token").build().allowNonSimpleContentTypes()).isFalse();
    }

    @Test
    void wildcardOriginsWithoutCredentialsAndPatternsWithCredentialsAreFine() {
        assertThat(CorsPolicy.builder().allowAnyOrigin().exposeHeader("*").build().allowedOrigins()).containsExactly("*");
        assertThat(CorsPolicy.builder().allowOrigin("https://*.example.com").allowCredentials(true).build().allowCredentials())
                .isTrue();
    }

    @Test
    void policiesAreImmutable() {
        CorsPolicy.Builder builder = CorsPolicy.builder().allowOrigin(ORIGIN);
        CorsPolicy policy = builder.build();
        builder.allowOrigin("https://later.example").allowMethod("PUT");

        assertThat(policy.allowedOrigins()).containsExactly(ORIGIN);
        assertThat(policy.allowedMethods()).containsExactly("GET", "HEAD", "POST");
        assertThatThrownBy(() -> policy.allowedMethods().add("PUT")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> policy.allowedOrigins().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    /* Defaults: each public getter states its default in its Javadoc; the builder and config must agree. */

    record Default(String getter, String documented, Function<CorsPolicy, Object> value, Object expected) {
        @Override
        public String toString() {
            return getter;
        }
    }

    static Stream<Default> defaults() {
        return Stream.of(
                new Default("allowedOrigins", "Default: none.", CorsPolicy::allowedOrigins, List.of()),
                new Default("allowedMethods", "Default: GET, HEAD, POST.", CorsPolicy::allowedMethods, Set.of("GET", "HEAD", "POST")),
                new Default("allowedHeaders", "Default: none.", CorsPolicy::allowedHeaders, Set.of()),
                new Default("exposedHeaders", "Default: none.", CorsPolicy::exposedHeaders, Set.of()),
                new Default("allowCredentials", "Default {@code false}", CorsPolicy::allowCredentials, false),
                new Default("maxAge", "Default one day", CorsPolicy::maxAge, Duration.ofDays(1)),
                new Default("allowSameOrigin", "Default {@code true}", CorsPolicy::allowSameOrigin, true),
                new Default("allowNonSimpleContentTypes", "Default {@code false}", CorsPolicy::allowNonSimpleContentTypes, false),
                new Default("allowPrivateNetwork", "Default {@code false}", CorsPolicy::allowPrivateNetwork, false),
                new Default("rejectDisallowed", "Default {@code true}", CorsPolicy::rejectDisallowed, true),
                new Default("preflightStatus", "Default 204", CorsPolicy::preflightStatus, 204),
                new Default("trustForwardedHeaders", "Default {@code false}", CorsPolicy::trustForwardedHeaders, false),
                new Default("allowInsecureOrigins", "Default {@code false}", CorsPolicy::allowInsecureOrigins, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void documentedDefaultIsTheRealOne(Default row) throws IOException {
        assertThat(javadocOf(row.getter())).as("Javadoc of CorsPolicy.%s()", row.getter()).contains(row.documented());
        assertThat(row.value().apply(CorsPolicy.builder().build())).as("builder default").isEqualTo(row.expected());
        assertThat(row.value().apply(CorsPolicy.fromConfig(TestConfig.of(Map.of())))).as("config default").isEqualTo(row.expected());
    }

    @Test
    void everyPublicGetterHasItsDefaultChecked() {
        Set<String> checked = defaults().map(Default::getter).collect(Collectors.toSet());
        Set<String> getters = Arrays.stream(CorsPolicy.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 0)
                .map(Method::getName)
                .filter(name -> !Set.of("hashCode", "toString").contains(name))
                .collect(Collectors.toSet());

        assertThat(checked).isEqualTo(getters);
    }

    @Test
    void builderAndConfigDefaultsAreTheSamePolicy() {
        assertThat(CorsPolicy.fromConfig(TestConfig.of(Map.of()))).isEqualTo(CorsPolicy.builder().build());
    }

    @Test
    void documentedDefaultsWrittenOutAreTheDefaults() {
        Map<String, String> documentedDefaults = Map.of(
                "cors.allowed-methods", "GET,HEAD,POST", "cors.allow-credentials", "false", "cors.max-age", "86400",
                "cors.allow-same-origin", "true", "cors.trust-forwarded-headers", "false",
                "cors.allow-private-network", "false", "cors.reject-disallowed", "true", "cors.preflight-status", "204",
                "cors.allow-insecure-origins", "false");

        assertThat(CorsPolicy.fromConfig(TestConfig.of(documentedDefaults))).isEqualTo(CorsPolicy.builder().build());
    }

    private static final Pattern DOCUMENTED_GETTER = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public\\s+[\\w<>, ]+\\s+(\\w+)\\(\\)", Pattern.DOTALL);

    /** The Javadoc of a public no-argument method of CorsPolicy itself (not its builder), whitespace folded. */
    private static String javadocOf(String getter) throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/github/jaxrscors/CorsPolicy.java"));
        String policyPart = source.substring(0, source.indexOf("public static final class Builder"));
        Matcher m = DOCUMENTED_GETTER.matcher(policyPart);
        while (m.find()) {
            if (m.group(2).equals(getter)) {
                return m.group(1).replaceAll("\\s*\\n\\s*\\*\\s?", " ").replaceAll("\\s+", " ");
            }
        }
        throw new AssertionError("no Javadoc for CorsPolicy." + getter + "()");
    }
}
