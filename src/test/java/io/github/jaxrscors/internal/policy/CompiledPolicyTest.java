package io.github.jaxrscors.internal.policy;

import static io.github.jaxrscors.internal.policy.Verdict.ALLOWED;
import static io.github.jaxrscors.internal.policy.Verdict.ALLOWED_ECHOING_HEADERS;
import static io.github.jaxrscors.internal.policy.Verdict.CONTENT_TYPE_NOT_ALLOWED;
import static io.github.jaxrscors.internal.policy.Verdict.HEADERS_MALFORMED;
import static io.github.jaxrscors.internal.policy.Verdict.HEADER_NOT_ALLOWED;
import static io.github.jaxrscors.internal.policy.Verdict.METHOD_NOT_ALLOWED;
import static io.github.jaxrscors.internal.policy.Verdict.ORIGIN_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsPolicies;
import io.github.jaxrscors.CorsPolicy;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.glassfish.jersey.internal.util.collection.StringKeyIgnoreCaseMultivaluedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-request decisions of a compiled policy, and the answers it writes from values prepared in advance. */
class CompiledPolicyTest {

    private static final String ORIGIN = "https://app.example.com";

    /** Allows X-Token by name, X-Custom-* by prefix, PUT and PATCH. */
    private static final CompiledPolicy POLICY = CorsPolicies.compile(CorsPolicy.builder()
            .allowOrigin(ORIGIN)
            .allowHeader("X-Token")
            .allowHeadersPrefixed("X-Custom-")
            .allowMethod("PUT")
            .allowMethod("PATCH")
            .build());

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
        assertThat(Verdict.of(CorsPolicies.compile(row.policy()).preflight(ORIGIN, row.method(), null, false))).isEqualTo(row.allowed() ? ALLOWED : METHOD_NOT_ALLOWED);
    }

    record Actual(String description, CorsPolicy policy, String origin, String method, String contentType,
            Verdict expected) {
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
        assertThat(Verdict.of(CorsPolicies.compile(row.policy()).actual(row.origin(), row.method(), row.contentType())))
                .isEqualTo(row.expected());
    }

    record Preflight(String description, String origin, String method, String headers, Verdict expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Preflight> preflights() {
        return Stream.of(
                new Preflight("method only", ORIGIN, "PUT", null, ALLOWED),
                new Preflight("safelisted method", ORIGIN, "GET", null, ALLOWED),
                new Preflight("headers allowed by name", ORIGIN, "PUT", "x-token, accept", ALLOWED),
                new Preflight("headers allowed by prefix are echoed", ORIGIN, "PUT", "x-token, x-custom-id", ALLOWED_ECHOING_HEADERS),
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
        assertThat(Verdict.of(POLICY.preflight(row.origin(), row.method(), row.headers(), false))).isEqualTo(row.expected());
    }

    @Test
    void answersAPreflightFromValuesJoinedInAdvance() {
        CompiledPolicy policy = CorsPolicies.compile(CorsPolicy.builder()
                .allowOrigin(ORIGIN)
                .allowMethod("PUT")
                .allowMethod("DELETE")
                .allowHeader("X-Token")
                .allowHeader("Content-Type")
                .exposeHeader("X-Total-Count")
                .maxAge(Duration.ofMinutes(10))
                .build());

        Response answer = policy.answerPreflight(Decision.ALLOWED, ORIGIN, "PUT", "x-token", false);

        assertThat(answer.getStatus()).isEqualTo(204);
        assertThat(headers(answer.getHeaders())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "access-control-allow-origin", ORIGIN,
                "access-control-allow-methods", "GET, HEAD, POST, PUT, DELETE",
                "access-control-allow-headers", "accept, accept-language, content-language, content-type, x-token",
                "access-control-max-age", "600",
                "vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"));
    }

    @Test
    void echoesTheRequestedHeadersWhenSomeMatchedOnlyByPattern() {
        Response answer = POLICY.answerPreflight(Decision.ALLOWED_ECHOING_HEADERS, ORIGIN, "PUT", "X-Token,X-Custom-Id", false);

        assertThat(answer.getHeaderString("Access-Control-Allow-Headers")).isEqualTo("x-token, x-custom-id");
    }

    @Test
    void omitsWhatThePolicyDoesNotSend() {
        CompiledPolicy policy = CorsPolicies.compile(CorsPolicy.builder()
                .allowOrigin(ORIGIN)
                .allowAnyMethod()
                .maxAge(Duration.ZERO)
                .preflightStatus(200)
                .allowSameOrigin(false)
                .build());

        Response answer = policy.answerPreflight(Decision.ALLOWED, ORIGIN, "PROPFIND", null, true);

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(headers(answer.getHeaders())).as("any method: the requested one is echoed").containsExactlyInAnyOrderEntriesOf(Map.of(
                "access-control-allow-origin", ORIGIN,
                "access-control-allow-methods", "PROPFIND",
                "vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"));
    }

    @Test
    void grantsPrivateNetworkAccessOnlyWhenAskedAndAllowed() {
        CompiledPolicy policy = CorsPolicies.compile(CorsPolicy.builder().allowOrigin(ORIGIN).allowPrivateNetwork(true).build());

        assertThat(policy.answerPreflight(Decision.ALLOWED, ORIGIN, "GET", null, true).getHeaderString("Access-Control-Allow-Private-Network"))
                .isEqualTo("true");
        assertThat(policy.answerPreflight(Decision.ALLOWED, ORIGIN, "GET", null, false).getHeaderString("Access-Control-Allow-Private-Network"))
                .isNull();
        assertThat(POLICY.answerPreflight(Decision.ALLOWED, ORIGIN, "GET", null, true).getHeaderString("Access-Control-Allow-Private-Network"))
                .isNull();
    }

    @Test
    void refusesWithoutAnyCorsHeader() {
        assertThat(headers(POLICY.refusePreflight().getHeaders())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Sec-Fetch-Site",
                "content-type", "text/plain"));
        assertThat(POLICY.refuseActual().getStatus()).isEqualTo(403);
        assertThat(headers(POLICY.refuseActual().getHeaders())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "vary", "Origin, Sec-Fetch-Site", "content-type", "text/plain"));
    }

    @Test
    void refusesWithAnEmptyBodyOfItsOwn() {
        // Without an entity a servlet container answers with its error page, which drops Vary on Jetty.
        assertThat(POLICY.refusePreflight().getEntity()).isEqualTo(new byte[0]);
        assertThat(POLICY.refuseActual().getEntity()).isEqualTo(new byte[0]);
    }

    record Decorated(String description, CorsPolicy policy, String outcome, Map<String, String> expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Decorated> decorations() {
        CorsPolicy listed = CorsPolicy.builder().allowOrigin(ORIGIN).exposeHeader("X-Total-Count").exposeHeader("ETag").build();
        CorsPolicy any = CorsPolicy.builder().allowAnyOrigin().exposeHeader("*").build();
        CorsPolicy credentials = CorsPolicy.builder().allowOrigins(origin -> true).allowCredentials(true).build();
        CorsPolicy passing = CorsPolicy.builder().allowOrigin(ORIGIN).rejectDisallowed(false).build();
        return Stream.of(
                new Decorated("listed, allowed", listed, "allowed", Map.of("access-control-allow-origin", ORIGIN,
                        "access-control-expose-headers", "X-Total-Count, ETag", "vary", "Origin")),
                new Decorated("listed, no Origin", listed, "without origin", Map.of("vary", "Origin")),
                new Decorated("listed, same origin", listed, "same origin", Map.of("vary", "Origin, Sec-Fetch-Site")),
                new Decorated("any origin, allowed: one answer for all", any, "allowed",
                        Map.of("access-control-allow-origin", "*", "access-control-expose-headers", "*")),
                new Decorated("any origin, no Origin: the same answer", any, "without origin",
                        Map.of("access-control-allow-origin", "*", "access-control-expose-headers", "*")),
                new Decorated("predicate with credentials echoes the origin", credentials, "allowed", Map.of(
                        "access-control-allow-origin", ORIGIN, "access-control-allow-credentials", "true", "vary", "Origin")),
                new Decorated("refused and passed on", passing, "passed refusal", Map.of("vary", "Origin")),
                new Decorated("same origin without a 403 to tell apart", passing, "same origin", Map.of("vary", "Origin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decorations")
    void decoratesActualResponses(Decorated row) {
        CompiledPolicy policy = CorsPolicies.compile(row.policy());
        Decoration outcome = switch (row.outcome()) {
            case "allowed" -> policy.allowed(ORIGIN);
            case "without origin" -> policy.withoutOrigin();
            case "same origin" -> policy.sameOrigin(false);
            case "passed refusal" -> policy.passedRefusal();
            default -> throw new IllegalArgumentException(row.outcome());
        };
        MultivaluedMap<String, Object> response = new StringKeyIgnoreCaseMultivaluedMap<>();

        outcome.writeTo(response);

        assertThat(headers(response)).containsExactlyInAnyOrderEntriesOf(row.expected());
    }

    @Test
    void addsToVaryAndReplacesCorsHeadersTheResourceSet() {
        MultivaluedMap<String, Object> response = new StringKeyIgnoreCaseMultivaluedMap<>();
        response.add("vary", "Accept-Encoding");
        response.add("access-control-allow-origin", "*");

        POLICY.allowed(ORIGIN).writeTo(response);

        assertThat(headers(response)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "access-control-allow-origin", ORIGIN, "vary", "Accept-Encoding, Origin"));
    }

    /** Each header, its name in lower case as the library sends it, with its single value; fails when one was sent more than once. */
    private static Map<String, String> headers(MultivaluedMap<String, Object> headers) {
        Map<String, String> single = new TreeMap<>();
        headers.forEach((name, values) -> {
            assertThat(values).as(name).hasSize(1);
            single.put(name.toLowerCase(java.util.Locale.ROOT), String.valueOf(values.get(0)));
        });
        return single;
    }
}
