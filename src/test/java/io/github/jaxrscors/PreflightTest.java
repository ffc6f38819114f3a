package io.github.jaxrscors;

import static io.github.jaxrscors.testing.EdgeCaseApps.elements;
import static io.github.jaxrscors.testing.ItemsApps.DEFAULT;
import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static io.github.jaxrscors.testing.ItemsApps.PREFLIGHT_VARY;
import static io.github.jaxrscors.testing.ItemsApps.REFUSED_PREFLIGHT_VARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.EdgeCaseApps;
import io.github.jaxrscors.testing.EdgeCaseApps.Server;
import io.github.jaxrscors.testing.ItemsApps;
import io.github.jaxrscors.testing.ItemsApps.App;
import io.github.jaxrscors.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Preflights ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}), over
 * real HTTP: answered by the library before the resource and any authentication filter runs, with
 * {@code Access-Control-Allow-Headers} only for headers asked for; refused with 403 and no
 * {@code Access-Control-*} header when they ask for more than the policy allows. Then the protocol
 * corners where CORS implementations go wrong, sent on a bare socket so that nothing between test
 * and server repairs the request: the request method as one case-sensitive token, {@code OPTIONS}
 * without it, {@code Authorization} never covered by {@code *}, hostile bytes never reflected.
 * Which resource method's policy answers a preflight: {@link PerResourcePolicyTest} and
 * {@link RoutingAgreementHttpTest}.
 */
class PreflightTest {

    private static final ItemsApps APPS = new ItemsApps();
    private static final EdgeCaseApps EDGE_CASES = new EdgeCaseApps();

    @AfterAll
    static void stop() {
        APPS.close();
        EDGE_CASES.close();
    }

    /*
     * A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here, never by the
     * resource nor an authentication filter, with the headers that depend on what it asked.
     */

    @Test
    void anOptionsRequestWithoutOriginIsNoPreflight() {
        Reply reply = APPS.defaultApp().send("OPTIONS", "items", "Access-Control-Request-Method", "PUT");

        assertThat(reply.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
        assertThat(reply.header("Allow")).contains("PUT");
        assertThat(reply.corsHeaders()).isEmpty();
    }

    @Test
    void allowedPreflightIsAnsweredWithoutInvokingTheResource() {
        App app = APPS.defaultApp();
        int resourceBefore = app.resourceCalls().get();
        int authBefore = app.authCalls().get();

        Reply reply = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "x-token,accept");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(reply.elements("Access-Control-Allow-Methods")).contains("PUT");
        assertThat(reply.elements("Access-Control-Allow-Headers")).contains("x-token", "accept");
        assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("86400");
        assertThat(reply.all("Access-Control-Allow-Private-Network")).isEmpty();
        assertThat(reply.all("Access-Control-Expose-Headers")).as("only on actual responses").isEmpty();
        assertThat(reply.elements("Vary")).containsExactlyElementsOf(PREFLIGHT_VARY);
        assertThat(app.resourceCalls().get()).as("resource not invoked").isEqualTo(resourceBefore);
        assertThat(app.authCalls().get()).as("authentication filter not run").isEqualTo(authBefore);
    }

    @Test
    void preflightForAHeaderAllowedByPatternEchoesTheRequestedHeaders() {
        App app = APPS.app("prefixed", CorsPolicy.builder().allowOrigin(ORIGIN).allowHeadersPrefixed("X-Custom-").build());

        Reply reply = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "X-Custom-One", "Access-Control-Request-Headers", " ,X-Custom-Two, ");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.elements("Access-Control-Allow-Headers")).contains("x-custom-one", "x-custom-two");
    }

    @Test
    void preflightWithoutRequestedHeadersHasNoAllowHeaders() {
        Reply reply = APPS.defaultApp().send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "GET");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.elements("Access-Control-Allow-Methods")).contains("GET");
        assertThat(reply.all("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void preflightStatusAndMaxAgeFollowThePolicy() {
        App app = APPS.app("status-200", CorsPolicy.builder().allowOrigin(ORIGIN).preflightStatus(200).maxAge(Duration.ZERO).build());

        Reply reply = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "POST");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.all("Access-Control-Max-Age")).as("max-age 0 omits the header").isEmpty();
        assertThat(reply.all("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflightForAnyOriginAnswersAWildcard() {
        Reply reply = APPS.anyOriginApp().send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(reply.all("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflightForAPathNoResourceServesIsAnsweredByTheDefaultPolicy() {
        Reply reply = APPS.defaultApp().send("OPTIONS", "nowhere", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void anOptionsRequestWithoutRequestMethodIsAnActualRequest() {
        Reply notAllowed = APPS.defaultApp().send("OPTIONS", "items", "Origin", ORIGIN);
        Reply allowed = APPS.anyOriginApp().send("OPTIONS", "items", "Origin", ORIGIN);

        assertThat(notAllowed.status()).as("OPTIONS is not an allowed method of the default app").isEqualTo(403);
        assertThat(notAllowed.corsHeaders()).isEmpty();
        assertThat(allowed.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
        assertThat(allowed.header("Allow")).isNotNull();
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(allowed.all("Access-Control-Allow-Methods")).isEmpty();
    }

    record RejectedPreflight(String description, String method, String headers) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<RejectedPreflight> rejectedPreflights() {
        return Stream.of(
                new RejectedPreflight("method not allowed", "DELETE", null),
                new RejectedPreflight("method in lower case", "put", null),
                new RejectedPreflight("a header not allowed", "PUT", "x-token, x-other"),
                new RejectedPreflight("Content-Type not allowed", "POST", "content-type"),
                new RejectedPreflight("Authorization not allowed", "GET", "authorization"),
                new RejectedPreflight("headers not a list of names", "PUT", "x-token x-other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedPreflights")
    void preflightThatAsksTooMuchIsForbidden(RejectedPreflight row) {
        App app = APPS.defaultApp();
        int before = app.resourceCalls().get();
        List<String> headers = new ArrayList<>(List.of("Origin", ORIGIN, "Access-Control-Request-Method", row.method()));
        if (row.headers() != null) {
            headers.addAll(List.of("Access-Control-Request-Headers", row.headers()));
        }

        Reply reply = app.send("OPTIONS", "items", headers.toArray(String[]::new));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.elements("Vary")).containsExactlyElementsOf(REFUSED_PREFLIGHT_VARY);
        assertThat(app.resourceCalls().get()).isEqualTo(before);
    }

    @Test
    void preflightsNeverReachAPreMatchingAuthenticationFilter() {
        App app = APPS.app("pre-matching-auth", DEFAULT, true);
        int before = app.authCalls().get();

        Reply reply = app.send("OPTIONS", "items/secret", "Origin", ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "x-token");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(app.authCalls().get()).isEqualTo(before);
    }

    /* The request method and headers byte by byte, sent on a bare socket. */

    static void assertRefusedPreflight(Reply response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.corsHeaders()).as(response.raw()).isEmpty();
        assertThat(response.body()).doesNotContain("resource");
    }

    /* Access-Control-Request-Method. */

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
        Reply response = EDGE_CASES.preflight(c.server, c.requestMethod, null);
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
        Reply response = EDGE_CASES.send(Server.NAMED, "OPTIONS", "/r", "Origin: " + ORIGIN,
                "Access-Control-Request-Method: PUT", "Access-Control-Request-Method: DELETE");
        assertRefusedPreflight(response);
    }

    /* OPTIONS without the request-method header. */

    @Test
    void optionsWithoutRequestMethodIsAnActualRequestRefusedWhenOptionsIsNotAllowed() {
        Reply response = EDGE_CASES.send(Server.NAMED, "OPTIONS", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("options-resource");
        assertThat(response.corsHeaders()).isEmpty();
    }

    @Test
    void optionsWithoutRequestMethodReachesTheResourceWhenOptionsIsAllowed() {
        Reply response = EDGE_CASES.send(Server.OPTIONS_ALLOWED, "OPTIONS", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("options-resource");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(response.header("Access-Control-Allow-Methods")).as("not answered as a preflight").isNull();
    }

    @Test
    void optionsWithoutOriginIsNoneOfTheLibrarysBusiness() {
        Reply response = EDGE_CASES.send(Server.NAMED, "OPTIONS", "/r", "Access-Control-Request-Method: PUT");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("options-resource");
        assertThat(response.corsHeaders()).isEmpty();
    }

    @Test
    void anEmptyRequestMethodIsARefusedPreflight() {
        Reply response = EDGE_CASES.send(Server.OPTIONS_ALLOWED, "OPTIONS", "/r", "Origin: " + ORIGIN,
                "Access-Control-Request-Method:");
        assertRefusedPreflight(response);
    }

    /* Authorization versus '*'. */

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
        Reply response = EDGE_CASES.preflight(c.server, "GET", c.requestHeaders);
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

    /* Hostile bytes never reflected. */

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
            Reply response = EDGE_CASES.sendLines(server, "OPTIONS", "/r", c.headerLines);
            assertThat(response.status()).as(response.raw()).isIn(400, 403);
            assertThat(response.corsHeaders()).as(response.raw()).isEmpty();
            assertThat(response.raw()).doesNotContainIgnoringCase("injected").doesNotContainIgnoringCase("Set-Cookie");
        }
    }
}
