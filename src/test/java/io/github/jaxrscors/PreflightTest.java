package io.github.jaxrscors;

import static io.github.jaxrscors.testing.EdgeCaseApps.ORIGIN;
import static io.github.jaxrscors.testing.EdgeCaseApps.elements;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.EdgeCaseApps;
import io.github.jaxrscors.testing.EdgeCaseApps.Server;
import io.github.jaxrscors.testing.Reply;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocol corners where CORS implementations go wrong, over real HTTP on a bare socket so that
 * nothing between test and server repairs the request.
 */
class PreflightTest {

    private static final EdgeCaseApps APPS = new EdgeCaseApps();

    @AfterAll
    static void stop() {
        APPS.close();
    }

    static void assertRefusedPreflight(Reply response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.corsHeaders()).as(response.raw()).isEmpty();
        assertThat(response.body()).doesNotContain("resource");
    }

    // ---------------------------------------------------------------- Access-Control-Request-Method

    record MethodCase(String description, Server server, String requestMethod, boolean allowed) {
        @Override
        public String toString() {
            return description + ": " + server + " '" + requestMethod + "'";
        }
    }

    static Stream<MethodCase> requestMethods() {
        return Stream.of(
                new MethodCase("named method", Server.NAMED, "PUT", true),
                new MethodCase("named method", Server.NAMED, "DELETE", true),
                new MethodCase("comma-injected", Server.NAMED, "PUT, DELETE", false),
                new MethodCase("comma-injected", Server.NAMED, "PUT,DELETE", false),
                new MethodCase("comma-injected", Server.NAMED, "GET, PUT", false),
                new MethodCase("comma-injected", Server.NAMED, "PUT,", false),
                new MethodCase("comma-injected", Server.NAMED, ",PUT", false),
                new MethodCase("space-separated", Server.NAMED, "PUT DELETE", false),
                new MethodCase("semicolon", Server.NAMED, "PUT;DELETE", false),
                new MethodCase("empty", Server.NAMED, "", false),
                new MethodCase("comma-injected, any method allowed", Server.ANY_WITH_CREDENTIALS, "PUT, DELETE", false),
                new MethodCase("comma-injected, any method allowed", Server.ANY_WITH_CREDENTIALS, "PATCH,PUT", false),
                new MethodCase("space-separated, any method allowed", Server.ANY_WITH_CREDENTIALS, "PUT DELETE", false),
                new MethodCase("forbidden, any method allowed", Server.ANY_WITH_CREDENTIALS, "TRACE", false),
                new MethodCase("forbidden, any method allowed", Server.ANY_WITH_CREDENTIALS, "CONNECT", false),
                new MethodCase("any method allowed", Server.ANY_WITH_CREDENTIALS, "PATCH", true),
                new MethodCase("lower case is another method", Server.NAMED, "put", false),
                new MethodCase("lower case is another method", Server.NAMED, "Put", false),
                new MethodCase("lower case is another method", Server.NAMED, "delete", false),
                new MethodCase("lower case is another method", Server.NAMED, "pUT", false),
                new MethodCase("lower case is another method", Server.OPTIONS_ALLOWED, "options", false),
                new MethodCase("lower case, any method allowed: echoed as sent", Server.ANY_WITH_CREDENTIALS, "patch", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestMethods")
    void requestMethodIsOneCaseSensitiveToken(MethodCase c) {
        Reply response = APPS.preflight(c.server, c.requestMethod, null);
        if (!c.allowed) {
            assertRefusedPreflight(response);
            return;
        }
        assertThat(response.status()).as(response.raw()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(elements(response.header("Access-Control-Allow-Methods"))).contains(c.requestMethod);
    }

    @Test
    void twoRequestMethodLinesAreRefused() {
        Reply response = APPS.send(Server.NAMED, "OPTIONS", "/r", "Origin: " + ORIGIN,
                "Access-Control-Request-Method: PUT", "Access-Control-Request-Method: DELETE");
        assertRefusedPreflight(response);
    }

    @Test
    void lowerCaseActualMethodIsNotTheAllowedMethod() {
        Reply response = APPS.send(Server.NAMED, "put", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.corsHeaders()).isEmpty();
        assertThat(APPS.send(Server.NAMED, "PUT", "/r", "Origin: " + ORIGIN).header("Access-Control-Allow-Origin"))
                .isEqualTo(ORIGIN);
    }

    // ---------------------------------------------------------------- OPTIONS without the request-method header

    @Test
    void optionsWithoutRequestMethodIsAnActualRequestRefusedWhenOptionsIsNotAllowed() {
        Reply response = APPS.send(Server.NAMED, "OPTIONS", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("options-resource");
        assertThat(response.corsHeaders()).isEmpty();
    }

    @Test
    void optionsWithoutRequestMethodReachesTheResourceWhenOptionsIsAllowed() {
        Reply response = APPS.send(Server.OPTIONS_ALLOWED, "OPTIONS", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("options-resource");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(response.header("Access-Control-Allow-Methods")).as("not answered as a preflight").isNull();
    }

    @Test
    void optionsWithoutOriginIsNoneOfTheLibrarysBusiness() {
        Reply response = APPS.send(Server.NAMED, "OPTIONS", "/r", "Access-Control-Request-Method: PUT");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("options-resource");
        assertThat(response.corsHeaders()).isEmpty();
    }

    @Test
    void anEmptyRequestMethodIsARefusedPreflight() {
        Reply response = APPS.send(Server.OPTIONS_ALLOWED, "OPTIONS", "/r", "Origin: " + ORIGIN,
                "Access-Control-Request-Method:");
        assertRefusedPreflight(response);
    }

    // ---------------------------------------------------------------- Authorization versus '*'

    record HeaderCase(String description, Server server, String requestHeaders, boolean allowed) {
        @Override
        public String toString() {
            return description + ": " + server + " '" + requestHeaders + "'";
        }
    }

    static Stream<HeaderCase> authorization() {
        return Stream.of(
                new HeaderCase("'*' does not cover Authorization", Server.ANY_WITH_CREDENTIALS, "Authorization", false),
                new HeaderCase("'*' does not cover Authorization", Server.ANY_WITH_CREDENTIALS, "authorization", false),
                new HeaderCase("'*' does not cover Authorization", Server.ANY_WITH_CREDENTIALS, "AUTHORIZATION", false),
                new HeaderCase("'*' does not cover Authorization", Server.ANY_WITH_CREDENTIALS, "x-a, Authorization", false),
                new HeaderCase("'*' does not cover Authorization", Server.ANY_WITH_CREDENTIALS, "Authorization,x-a", false),
                new HeaderCase("'*' does not cover Authorization", Server.ANY_ORIGIN, "authorization", false),
                new HeaderCase("'*' covers other headers", Server.ANY_WITH_CREDENTIALS, "x-a, X-B", true),
                new HeaderCase("'*' covers look-alikes", Server.ANY_WITH_CREDENTIALS, "Authorization2, x-authorization", true),
                new HeaderCase("named Authorization", Server.ANY_HEADER_AND_AUTHORIZATION, "Authorization", true),
                new HeaderCase("named Authorization", Server.ANY_HEADER_AND_AUTHORIZATION, "x-a, AUTHORIZATION", true),
                new HeaderCase("named header only", Server.NAMED, "x-token", true),
                new HeaderCase("named header only", Server.NAMED, "Authorization", false),
                new HeaderCase("named header only", Server.NAMED, "x-token, x-other", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorization")
    void authorizationMustBeNamed(HeaderCase c) {
        Reply response = APPS.preflight(c.server, "GET", c.requestHeaders);
        if (!c.allowed) {
            assertRefusedPreflight(response);
            return;
        }
        assertThat(response.status()).as(response.raw()).isEqualTo(204);
        List<String> allowed = elements(response.header("Access-Control-Allow-Headers")).stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
        for (String requested : elements(c.requestHeaders)) {
            assertThat(allowed).contains(requested.toLowerCase(Locale.ROOT));
        }
    }

    // ---------------------------------------------------------------- hostile bytes never reflected

    record HostileCase(String description, List<String> headerLines) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<HostileCase> hostileBytes() {
        String origin = "Origin: " + ORIGIN;
        String method = "Access-Control-Request-Method: PUT";
        return Stream.of(
                new HostileCase("bare CR in the request method", List.of(origin, "Access-Control-Request-Method: PUT\rSet-Cookie: injected=1")),
                new HostileCase("NUL in the request method", List.of(origin, "Access-Control-Request-Method: PUT\0injected")),
                new HostileCase("markup in the request method", List.of(origin, "Access-Control-Request-Method: PUT<script>injected</script>")),
                new HostileCase("non-ASCII in the request method", List.of(origin, "Access-Control-Request-Method: PUT\u00e9injected")),
                new HostileCase("DEL in the request method", List.of(origin, "Access-Control-Request-Method: PUT\u007finjected")),
                new HostileCase("bare CR in the request headers", List.of(origin, method, "Access-Control-Request-Headers: x-a\rinjected: 1")),
                new HostileCase("NUL in the request headers", List.of(origin, method, "Access-Control-Request-Headers: x-a\0injected")),
                new HostileCase("markup in the request headers", List.of(origin, method, "Access-Control-Request-Headers: x-a, <injected>")),
                new HostileCase("separator in the request headers", List.of(origin, method, "Access-Control-Request-Headers: x-a;injected")),
                new HostileCase("quoted name in the request headers", List.of(origin, method, "Access-Control-Request-Headers: \"injected\"")),
                new HostileCase("colon in the request headers", List.of(origin, method, "Access-Control-Request-Headers: injected: 1")),
                new HostileCase("non-ASCII in the request headers", List.of(origin, method, "Access-Control-Request-Headers: x-\u00e9-injected")),
                new HostileCase("UTF-8 in the request headers", List.of(origin, method, "Access-Control-Request-Headers: x-\u4e2d-injected")),
                new HostileCase("obsolete line folding in the request headers", List.of(origin, method, "Access-Control-Request-Headers: x-a,\r\n Set-Cookie: x=injected")),
                new HostileCase("bare CR in the origin", List.of("Origin: " + ORIGIN + "\rinjected: 1", method)),
                new HostileCase("NUL in the origin", List.of("Origin: " + ORIGIN + "\0injected", method)),
                new HostileCase("markup in the origin", List.of("Origin: " + ORIGIN + "<injected>", method)),
                new HostileCase("obsolete line folding in the origin", List.of("Origin: " + ORIGIN + "\r\n Set-Cookie: x=injected", method)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBytes")
    void crLfAndNonTokenBytesAreNeverReflected(HostileCase c) {
        for (Server server : List.of(Server.ANY_WITH_CREDENTIALS, Server.ANY_ORIGIN)) {
            Reply response = APPS.sendLines(server, "OPTIONS", "/r", c.headerLines);
            assertThat(response.status()).as(response.raw()).isIn(400, 403);
            assertThat(response.corsHeaders()).as(response.raw()).isEmpty();
            assertThat(response.raw()).doesNotContainIgnoringCase("injected").doesNotContainIgnoringCase("Set-Cookie");
        }
    }
}
