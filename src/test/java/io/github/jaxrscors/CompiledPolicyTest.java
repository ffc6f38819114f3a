package io.github.jaxrscors;

import static io.github.jaxrscors.CompiledPolicy.Verdict.ALLOWED;
import static io.github.jaxrscors.CompiledPolicy.Verdict.CONTENT_TYPE_NOT_ALLOWED;
import static io.github.jaxrscors.CompiledPolicy.Verdict.HEADERS_MALFORMED;
import static io.github.jaxrscors.CompiledPolicy.Verdict.HEADER_NOT_ALLOWED;
import static io.github.jaxrscors.CompiledPolicy.Verdict.METHOD_NOT_ALLOWED;
import static io.github.jaxrscors.CompiledPolicy.Verdict.ORIGIN_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-request decisions of a compiled policy, and the header values it prepares in advance. */
class CompiledPolicyTest {

    private static final String ORIGIN = "https://app.example.com";

    /** Allows X-Token by name, X-Custom-* by prefix, PUT and PATCH. */
    private static final CompiledPolicy POLICY = new CompiledPolicy(CorsPolicy.builder()
            .allowOrigin(ORIGIN)
            .allowHeader("X-Token")
            .allowHeadersPrefixed("X-Custom-")
            .allowMethod("PUT")
            .allowMethod("PATCH")
            .build());

    record Scan(String description, String value, int expected) {
        @Override
        public String toString() {
            return description + ": [" + value + "]";
        }
    }

    static Stream<Scan> scans() {
        return Stream.of(
                new Scan("one name", "x-token", CompiledPolicy.ALL_NAMED),
                new Scan("case-insensitive", "X-TOKEN", CompiledPolicy.ALL_NAMED),
                new Scan("always-allowed names", "Accept, Accept-Language, Content-Language", CompiledPolicy.ALL_NAMED),
                new Scan("comma without space", "x-token,accept", CompiledPolicy.ALL_NAMED),
                new Scan("spaces and tabs around", " \tx-token \t, accept\t ", CompiledPolicy.ALL_NAMED),
                new Scan("empty entries ignored", ",,x-token,, ,accept,", CompiledPolicy.ALL_NAMED),
                new Scan("empty value", "", CompiledPolicy.ALL_NAMED),
                new Scan("only commas and spaces", " , ,, ", CompiledPolicy.ALL_NAMED),
                new Scan("repeated name", "x-token, X-Token", CompiledPolicy.ALL_NAMED),
                new Scan("two header lines joined", "x-token,x-token, accept", CompiledPolicy.ALL_NAMED),
                new Scan("by prefix", "x-custom-a", CompiledPolicy.SOME_BY_PATTERN),
                new Scan("by prefix, upper case", "X-CUSTOM-A", CompiledPolicy.SOME_BY_PATTERN),
                new Scan("named and by prefix", "x-token, x-custom-b", CompiledPolicy.SOME_BY_PATTERN),
                new Scan("prefix alone is a name starting with it", "x-custom-", CompiledPolicy.SOME_BY_PATTERN),
                new Scan("disallowed first", "x-other", 0),
                new Scan("disallowed after an allowed one", "x-token, x-other", 9),
                new Scan("disallowed after spaces", "  x-other", 2),
                new Scan("shorter than the prefix", "x-custom", 0),
                new Scan("content-type not named", "content-type", 0),
                new Scan("authorization not named", "authorization", 0),
                new Scan("two names without a comma", "x-token x-custom-a", CompiledPolicy.MALFORMED),
                new Scan("semicolon", "x-token;", CompiledPolicy.MALFORMED),
                new Scan("colon", "x-token: 1", CompiledPolicy.MALFORMED),
                new Scan("non-ASCII", "x-tökén", CompiledPolicy.MALFORMED),
                new Scan("quote", "\"x-token\"", CompiledPolicy.MALFORMED),
                new Scan("CR LF", "x-token\r\nx-evil", CompiledPolicy.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scans")
    void scansRequestHeaders(Scan row) {
        assertThat(POLICY.scanRequestHeaders(row.value())).isEqualTo(row.expected());
    }

    @Test
    void anyHeaderAllowsAllButAuthorization() {
        CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyHeader().build());

        assertThat(policy.scanRequestHeaders("x-anything, content-type")).isEqualTo(CompiledPolicy.SOME_BY_PATTERN);
        assertThat(policy.scanRequestHeaders("x-anything, Authorization")).isEqualTo(12);
        assertThat(policy.scanRequestHeaders("authorizations")).isEqualTo(CompiledPolicy.SOME_BY_PATTERN);
    }

    @Test
    void authorizationMustBeNamedEvenWithAnyHeader() {
        CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder().allowOrigin(ORIGIN)
                .allowAnyHeader().allowHeader("Authorization").build());

        assertThat(policy.scanRequestHeaders("authorization, x-anything")).isEqualTo(CompiledPolicy.SOME_BY_PATTERN);
        assertThat(policy.scanRequestHeaders("Authorization")).isEqualTo(CompiledPolicy.ALL_NAMED);
    }

    @Test
    void predicateSeesLowerCaseNames() {
        CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder().allowOrigin(ORIGIN)
                .allowHeaders(name -> name.equals("x-trace-id")).build());

        assertThat(policy.scanRequestHeaders("X-Trace-Id")).isEqualTo(CompiledPolicy.SOME_BY_PATTERN);
        assertThat(policy.scanRequestHeaders("x-span-id")).isEqualTo(0);
    }

    record Join(String description, String value, String expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Join> joins() {
        return Stream.of(
                new Join("one", "X-Token", "x-token"),
                new Join("several, lower-cased", "X-Token, Accept", "x-token, accept"),
                new Join("empty entries and whitespace dropped", " ,X-Token ,,\tAccept , ", "x-token, accept"),
                new Join("no spaces", "a,b,c", "a, b, c"),
                new Join("empty", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("joins")
    void joinsRequestHeaders(Join row) {
        assertThat(CompiledPolicy.joinRequestHeaders(row.value())).isEqualTo(row.expected());
    }

    @Test
    void namesTheHeaderTheScanStoppedAt() {
        String value = "x-token, X-Other ,accept";

        assertThat(CompiledPolicy.headerAt(value, POLICY.scanRequestHeaders(value))).isEqualTo("x-other");
    }

    record ContentType(String value, boolean safelisted) {
        @Override
        public String toString() {
            return "[" + value + "]";
        }
    }

    static Stream<ContentType> contentTypes() {
        return Stream.of(
                new ContentType("text/plain", true),
                new ContentType("text/plain; charset=utf-8", true),
                new ContentType("TEXT/Plain;charset=UTF-8", true),
                new ContentType(" text/plain ", true),
                new ContentType("\ttext/plain\t; a=b", true),
                new ContentType("application/x-www-form-urlencoded", true),
                new ContentType("multipart/form-data; boundary=----x", true),
                new ContentType("application/json", false),
                new ContentType("application/json; charset=utf-8", false),
                new ContentType("text/html", false),
                new ContentType("text/plainx", false),
                new ContentType("text/plain+json", false),
                new ContentType("text / plain", false),
                new ContentType("xtext/plain", false),
                new ContentType("; text/plain", false),
                new ContentType("", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentTypes")
    void knowsSafelistedContentTypes(ContentType row) {
        assertThat(CompiledPolicy.isSafelistedContentType(row.value())).isEqualTo(row.safelisted());
    }

    record Method(String description, CorsPolicy policy, String method, boolean allowed) {
        @Override
        public String toString() {
            return description + ": " + method;
        }
    }

    static Stream<Method> methods() {
        CorsPolicy byName = CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PATCH").allowMethod("put").build();
        CorsPolicy any = CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyMethod().build();
        CorsPolicy defaults = CorsPolicy.builder().allowOrigin(ORIGIN).build();
        return Stream.of(
                new Method("default GET", defaults, "GET", true),
                new Method("default HEAD", defaults, "HEAD", true),
                new Method("default POST", defaults, "POST", true),
                new Method("default, not PUT", defaults, "PUT", false),
                new Method("default, not DELETE", defaults, "DELETE", false),
                new Method("case-sensitive: get is not GET", defaults, "get", false),
                new Method("named PATCH", byName, "PATCH", true),
                new Method("case-sensitive: patch is not PATCH", byName, "patch", false),
                new Method("put is normalised to PUT as browsers send it", byName, "PUT", true),
                new Method("any method: PATCH", any, "PATCH", true),
                new Method("any method: custom token", any, "PROPFIND", true),
                new Method("any method: never CONNECT", any, "CONNECT", false),
                new Method("any method: never TRACE", any, "TRACE", false),
                new Method("any method: never trace", any, "trace", false),
                new Method("any method: not a token", any, "GET /", false),
                new Method("any method: empty", any, "", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void comparesMethods(Method row) {
        assertThat(new CompiledPolicy(row.policy()).isMethodAllowed(row.method())).isEqualTo(row.allowed());
    }

    record Actual(String description, CorsPolicy policy, String origin, String method, String contentType,
            CompiledPolicy.Verdict expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Actual> actualRequests() {
        CorsPolicy strict = CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PUT").build();
        CorsPolicy contentTypeHeader = CorsPolicy.builder().allowOrigin(ORIGIN).allowHeader("content-type").build();
        CorsPolicy nonSimple = CorsPolicy.builder().allowOrigin(ORIGIN).allowNonSimpleContentTypes(true).build();
        CorsPolicy anyHeader = CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyHeader().build();
        return Stream.of(
                new Actual("GET, no content type", strict, ORIGIN, "GET", null, ALLOWED),
                new Actual("PUT allowed", strict, ORIGIN, "PUT", null, ALLOWED),
                new Actual("DELETE not allowed", strict, ORIGIN, "DELETE", null, METHOD_NOT_ALLOWED),
                new Actual("safelisted content type", strict, ORIGIN, "POST", "text/plain;charset=UTF-8", ALLOWED),
                new Actual("JSON refused", strict, ORIGIN, "POST", "application/json", CONTENT_TYPE_NOT_ALLOWED),
                new Actual("JSON once Content-Type is allowed", contentTypeHeader, ORIGIN, "POST", "application/json", ALLOWED),
                new Actual("JSON with allowNonSimpleContentTypes", nonSimple, ORIGIN, "POST", "application/json", ALLOWED),
                new Actual("JSON with any header", anyHeader, ORIGIN, "POST", "application/json", ALLOWED),
                new Actual("origin first", strict, "https://evil.example", "DELETE", "application/json", ORIGIN_NOT_ALLOWED),
                new Actual("malformed origin", strict, "https://app.example.com/", "GET", null, ORIGIN_NOT_ALLOWED),
                new Actual("method before content type", strict, ORIGIN, "DELETE", "application/json", METHOD_NOT_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actualRequests")
    void checksActualRequests(Actual row) {
        assertThat(new CompiledPolicy(row.policy()).checkActual(row.origin(), row.method(), row.contentType()))
                .isEqualTo(row.expected());
    }

    record Preflight(String description, String origin, String method, String headers, CompiledPolicy.Verdict expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Preflight> preflights() {
        return Stream.of(
                new Preflight("method only", ORIGIN, "PUT", null, ALLOWED),
                new Preflight("safelisted method", ORIGIN, "GET", null, ALLOWED),
                new Preflight("allowed headers", ORIGIN, "PUT", "x-token, x-custom-id", ALLOWED),
                new Preflight("empty headers", ORIGIN, "PUT", "", ALLOWED),
                new Preflight("origin not allowed", "https://evil.example", "PUT", "x-token", ORIGIN_NOT_ALLOWED),
                new Preflight("origin malformed", "null", "PUT", null, ORIGIN_NOT_ALLOWED),
                new Preflight("method not allowed", ORIGIN, "DELETE", "x-token", METHOD_NOT_ALLOWED),
                new Preflight("method case matters", ORIGIN, "patch", null, METHOD_NOT_ALLOWED),
                new Preflight("a header not allowed", ORIGIN, "PUT", "x-token, x-other", HEADER_NOT_ALLOWED),
                new Preflight("content-type needs allowing", ORIGIN, "POST", "content-type", HEADER_NOT_ALLOWED),
                new Preflight("headers malformed", ORIGIN, "PUT", "x-token x-other", HEADERS_MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preflights")
    void checksPreflights(Preflight row) {
        assertThat(POLICY.checkPreflight(row.origin(), row.method(), row.headers())).isEqualTo(row.expected());
    }

    @Test
    void joinsResponseHeaderValuesInAdvance() {
        CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder()
                .allowOrigin(ORIGIN)
                .allowMethod("PUT")
                .allowMethod("DELETE")
                .allowHeader("X-Token")
                .allowHeader("Content-Type")
                .exposeHeader("X-Total-Count")
                .exposeHeader("ETag")
                .maxAge(Duration.ofMinutes(10))
                .build());

        assertThat(policy.allowMethods).isEqualTo("GET, HEAD, POST, PUT, DELETE");
        assertThat(policy.allowHeaders).isEqualTo("accept, accept-language, content-language, content-type, x-token");
        assertThat(policy.exposeHeaders).isEqualTo("X-Total-Count, ETag");
        assertThat(policy.maxAge).isEqualTo("600");
        assertThat(policy.wildcardOrigin).isFalse();
        assertThat(policy.variesByOrigin).isTrue();
    }

    @Test
    void omitsWhatThePolicyDoesNotSend() {
        CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder()
                .allowOrigin(ORIGIN)
                .allowAnyMethod()
                .maxAge(Duration.ZERO)
                .build());

        assertThat(policy.allowMethods).as("any method: the requested one is echoed instead").isNull();
        assertThat(policy.exposeHeaders).isNull();
        assertThat(policy.maxAge).isNull();
    }

    @Test
    void anyOriginWithoutCredentialsIsAWildcardThatDoesNotVary() {
        CompiledPolicy any = new CompiledPolicy(CorsPolicy.builder().allowAnyOrigin().build());

        assertThat(any.wildcardOrigin).isTrue();
        assertThat(any.variesByOrigin).isFalse();
    }

    @Test
    void predicateOriginsWithCredentialsEchoTheOriginAndVary() {
        CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder()
                .allowOrigins(origin -> true).allowCredentials(true).build());

        assertThat(policy.wildcardOrigin).isFalse();
        assertThat(policy.variesByOrigin).isTrue();
        assertThat(policy.allowCredentials).isTrue();
    }

    @Test
    void exposesAllHeadersWithAWildcardWithoutCredentials() {
        CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder().allowOrigin(ORIGIN)
                .exposeHeader("X-Total-Count").exposeHeader("*").build());

        assertThat(policy.exposeHeaders).isEqualTo("X-Total-Count, *");
    }
}
