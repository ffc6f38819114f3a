package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocol corners where CORS implementations go wrong, over real HTTP on a bare socket so that
 * nothing between test and server repairs the request.
 */
class ProtocolEdgeCasesHttpTest {

    static final String ORIGIN = "https://app.example.com";

    @Path("r")
    public static class Resource {
        @GET
        public Response get() {
            return Response.ok("resource").header("Vary", "Accept-Encoding").header("X-Total", "3").build();
        }

        @PUT
        public String put() {
            return "resource";
        }

        @DELETE
        public String delete() {
            return "resource";
        }

        @OPTIONS
        public String options() {
            return "options-resource";
        }

        @GET
        @Path("vary-lines")
        public Response varyLines() {
            return Response.ok("resource").header("Vary", "Accept").header("Vary", "Cookie").build();
        }

        @GET
        @Path("vary-star")
        public Response varyStar() {
            return Response.ok("resource").header("Vary", "*").build();
        }

        @GET
        @Path("vary-origin")
        public Response varyOrigin() {
            return Response.ok("resource").header("Vary", "Accept, origin").build();
        }

        @GET
        @Path("fails")
        public Response fails() {
            return Response.status(500).header("Vary", "Accept-Language").entity("failure").build();
        }
    }

    /** An application filter that varies every response by a header of its own. */
    public static class ApplicationVary implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (request.getUriInfo().getPath().contains("app-vary") || request.getHeaderString("X-App-Vary") != null) {
                response.getHeaders().add("Vary", "X-App");
            }
        }
    }

    enum Server {
        /** Named methods and headers, no credentials. */
        NAMED(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PUT").allowMethod("DELETE")
                .allowHeader("X-Token").exposeHeader("X-Total").build()),
        /** Everything a wildcard can allow, with credentials: every echo path of the library. */
        ANY_WITH_CREDENTIALS(CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyMethod().allowAnyHeader()
                .exposeHeader("X-Total").allowCredentials(true).build()),
        ANY_HEADER_AND_AUTHORIZATION(CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyHeader()
                .allowHeader("Authorization").build()),
        OPTIONS_ALLOWED(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("OPTIONS").build()),
        PASS_DISALLOWED(CorsPolicy.builder().allowOrigin(ORIGIN).rejectDisallowed(false).build()),
        ANY_ORIGIN(CorsPolicy.builder().allowAnyOrigin().allowAnyHeader().allowAnyMethod().build());

        final CorsPolicy policy;

        Server(CorsPolicy policy) {
            this.policy = policy;
        }
    }

    private static final Map<Server, TestServer> SERVERS = new EnumMap<>(Server.class);

    @BeforeAll
    static void start() {
        for (Server s : Server.values()) {
            SERVERS.put(s, TestServer.start(new ResourceConfig(Resource.class).register(ApplicationVary.class), s.policy));
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
    }

    static Reply send(Server server, String method, String path, String... headerLines) {
        return SERVERS.get(server).sendLines(method, path, List.of(headerLines));
    }

    static Reply preflight(Server server, String requestMethod, String requestHeaders) {
        List<String> lines = new ArrayList<>(List.of("Origin: " + ORIGIN, "Access-Control-Request-Method: " + requestMethod));
        if (requestHeaders != null) {
            lines.add("Access-Control-Request-Headers: " + requestHeaders);
        }
        return SERVERS.get(server).sendLines("OPTIONS", "/r", lines);
    }

    static void assertRefusedPreflight(Reply response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.corsHeaders()).as(response.raw()).isEmpty();
        assertThat(response.body()).doesNotContain("resource");
    }

    static List<String> elements(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::trim).toList();
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
        Reply response = preflight(c.server, c.requestMethod, null);
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
        Reply response = send(Server.NAMED, "OPTIONS", "/r", "Origin: " + ORIGIN,
                "Access-Control-Request-Method: PUT", "Access-Control-Request-Method: DELETE");
        assertRefusedPreflight(response);
    }

    @Test
    void lowerCaseActualMethodIsNotTheAllowedMethod() {
        Reply response = send(Server.NAMED, "put", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.corsHeaders()).isEmpty();
        assertThat(send(Server.NAMED, "PUT", "/r", "Origin: " + ORIGIN).header("Access-Control-Allow-Origin"))
                .isEqualTo(ORIGIN);
    }

    // ---------------------------------------------------------------- OPTIONS without the request-method header

    @Test
    void optionsWithoutRequestMethodIsAnActualRequestRefusedWhenOptionsIsNotAllowed() {
        Reply response = send(Server.NAMED, "OPTIONS", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("options-resource");
        assertThat(response.corsHeaders()).isEmpty();
    }

    @Test
    void optionsWithoutRequestMethodReachesTheResourceWhenOptionsIsAllowed() {
        Reply response = send(Server.OPTIONS_ALLOWED, "OPTIONS", "/r", "Origin: " + ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("options-resource");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(response.header("Access-Control-Allow-Methods")).as("not answered as a preflight").isNull();
    }

    @Test
    void optionsWithoutOriginIsNoneOfTheLibrarysBusiness() {
        Reply response = send(Server.NAMED, "OPTIONS", "/r", "Access-Control-Request-Method: PUT");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("options-resource");
        assertThat(response.corsHeaders()).isEmpty();
    }

    @Test
    void anEmptyRequestMethodIsARefusedPreflight() {
        Reply response = send(Server.OPTIONS_ALLOWED, "OPTIONS", "/r", "Origin: " + ORIGIN,
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
        Reply response = preflight(c.server, "GET", c.requestHeaders);
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

    // ---------------------------------------------------------------- credentials never with '*'

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
        List<String> lines = new ArrayList<>(List.of("Origin: " + ORIGIN));
        lines.addAll(exchange.subList(1, exchange.size()));
        Reply response = SERVERS.get(Server.ANY_WITH_CREDENTIALS).sendLines(requestLine[0], requestLine[1], lines);
        assertThat(response.status()).as(response.raw()).isLessThan(600);
        for (Map.Entry<String, String> header : response.headers()) {
            if (header.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                assertThat(elements(header.getValue())).as(response.raw()).doesNotContain("*");
            }
        }
        if (!response.corsHeaders().isEmpty()) {
            assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        }
    }

    @Test
    void withoutCredentialsAnyOriginIsAnsweredWithTheWildcard() {
        Reply response = send(Server.ANY_ORIGIN, "GET", "/r", "Origin: https://anyone.example.net");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
    }

    // ---------------------------------------------------------------- Vary is added to, never replaced

    record VaryCase(String description, Server server, String method, String path, List<String> headerLines,
            List<String> expectedVary) {
        @Override
        public String toString() {
            return description + ": " + server + " " + method + " /" + path;
        }
    }

    static Stream<VaryCase> vary() {
        String allowed = "Origin: " + ORIGIN;
        String disallowed = "Origin: https://evil.com";
        return Stream.of(
                new VaryCase("allowed origin", Server.NAMED, "GET", "r", List.of(allowed), List.of("Accept-Encoding", "Origin")),
                new VaryCase("no origin", Server.NAMED, "GET", "r", List.of(), List.of("Accept-Encoding", "Origin")),
                new VaryCase("disallowed origin passed through", Server.PASS_DISALLOWED, "GET", "r", List.of(disallowed),
                        List.of("Accept-Encoding", "Origin")),
                new VaryCase("two Vary lines", Server.NAMED, "GET", "r/vary-lines", List.of(allowed),
                        List.of("Accept", "Cookie", "Origin")),
                new VaryCase("Vary: * already says everything", Server.NAMED, "GET", "r/vary-star", List.of(allowed),
                        List.of("*")),
                new VaryCase("origin already there, in lower case", Server.NAMED, "GET", "r/vary-origin", List.of(allowed),
                        List.of("Accept", "origin")),
                new VaryCase("error response", Server.NAMED, "GET", "r/fails", List.of(allowed),
                        List.of("Accept-Language", "Origin")),
                new VaryCase("application filter", Server.NAMED, "GET", "r", List.of(allowed, "X-App-Vary: 1"),
                        List.of("Accept-Encoding", "X-App", "Origin")),
                new VaryCase("application filter on a preflight", Server.NAMED, "OPTIONS", "r",
                        List.of(allowed, "X-App-Vary: 1", "Access-Control-Request-Method: PUT"),
                        List.of("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "X-App")),
                new VaryCase("application filter on a refused preflight", Server.NAMED, "OPTIONS", "r",
                        List.of(disallowed, "X-App-Vary: 1", "Access-Control-Request-Method: PUT"),
                        List.of("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Sec-Fetch-Site", "X-App")),
                new VaryCase("application filter on a refused request", Server.NAMED, "GET", "r",
                        List.of(disallowed, "X-App-Vary: 1"), List.of("Origin", "Sec-Fetch-Site", "X-App")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vary")
    void varyIsAddedToNeverReplaced(VaryCase c) {
        Reply response = SERVERS.get(c.server).sendLines(c.method, "/" + c.path, c.headerLines);
        List<String> vary = response.all("Vary").stream().flatMap(v -> elements(v).stream()).toList();
        assertThat(vary).as(response.raw()).containsExactlyInAnyOrderElementsOf(c.expectedVary);
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
            Reply response = SERVERS.get(server).sendLines("OPTIONS", "/r", c.headerLines);
            assertThat(response.status()).as(response.raw()).isIn(400, 403);
            assertThat(response.corsHeaders()).as(response.raw()).isEmpty();
            assertThat(response.raw()).doesNotContainIgnoringCase("injected").doesNotContainIgnoringCase("Set-Cookie");
        }
    }
}
