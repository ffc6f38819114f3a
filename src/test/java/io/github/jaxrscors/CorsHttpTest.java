package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.internal.policy.OriginParser;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How each kind of request is answered, over real HTTP: a Jersey application on Grizzly, requests
 * sent as a browser sends them, one test (or table) per kind of request and per rule.
 */
class CorsHttpTest {

    static final String ORIGIN = "https://app.example.com";
    static final String EVIL = "https://evil.example";
    static final List<String> PREFLIGHT_VARY = List.of("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
    /** A refusal also depends on Sec-Fetch-Site, which lets a same-origin request through. */
    static final List<String> REFUSED_PREFLIGHT_VARY = List.of("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers", "Sec-Fetch-Site");
    static final List<String> REFUSAL_VARY = List.of("Origin", "Sec-Fetch-Site");

    /** The policy most tests run against: one origin, PUT, X-Token, credentials, an exposed header. */
    static final CorsPolicy DEFAULT = CorsPolicy.builder()
            .allowOrigin(ORIGIN)
            .allowMethod("PUT")
            .allowHeader("X-Token")
            .exposeHeader("X-Total-Count")
            .allowCredentials(true)
            .build();

    /** One application per policy, started on first use. */
    private static final Map<String, App> APPS = new HashMap<>();

    record App(TestServer server, AtomicInteger resourceCalls, AtomicInteger authCalls) {
        Reply send(String method, String path, String... headers) {
            return server.send(method, path, headers);
        }
    }

    static App app(String name, CorsPolicy policy) {
        return app(name, policy, false);
    }

    static synchronized App app(String name, CorsPolicy policy, boolean preMatchingAuth) {
        return APPS.computeIfAbsent(name, n -> {
            AtomicInteger resourceCalls = new AtomicInteger();
            AtomicInteger authCalls = new AtomicInteger();
            ResourceConfig config = new ResourceConfig()
                    .register(new Items(resourceCalls))
                    .register(IllegalArgumentMapper.class)
                    .register(preMatchingAuth ? new PreMatchingAuthFilter(authCalls) : new AuthFilter(authCalls))
                    .register(new CorsFeature(policy));
            return new App(TestServer.start(config), resourceCalls, authCalls);
        });
    }

    static App defaultApp() {
        return app("default", DEFAULT);
    }

    @AfterAll
    static void stop() {
        APPS.values().forEach(app -> app.server().close());
        APPS.clear();
    }

    @Path("items")
    public static class Items {
        private final AtomicInteger calls;

        public Items(AtomicInteger calls) {
            this.calls = calls;
        }

        @GET
        public Response list() {
            calls.incrementAndGet();
            return Response.ok("items").header("X-Total-Count", "3").build();
        }

        @PUT
        @Consumes("*/*")
        public String put(String body) {
            calls.incrementAndGet();
            return "put";
        }

        @POST
        @Consumes("*/*")
        public String post(String body) {
            calls.incrementAndGet();
            return "posted";
        }

        @DELETE
        public String delete() {
            calls.incrementAndGet();
            return "deleted";
        }

        @GET
        @Path("read-only")
        public String readOnly() {
            calls.incrementAndGet();
            return "read-only";
        }

        @GET
        @Path("vary")
        public Response vary() {
            calls.incrementAndGet();
            return Response.ok("vary").header("Vary", "Accept-Encoding").build();
        }

        @GET
        @Path("vary-origin")
        public Response varyOrigin() {
            calls.incrementAndGet();
            return Response.ok("vary").header("Vary", "Origin").build();
        }

        @GET
        @Path("conflict")
        public String conflict() {
            calls.incrementAndGet();
            throw new WebApplicationException(409);
        }

        @GET
        @Path("mapped")
        public String mapped() {
            calls.incrementAndGet();
            throw new IllegalArgumentException("mapped");
        }

        @GET
        @Path("secret")
        public String secret() {
            calls.incrementAndGet();
            return "secret";
        }
    }

    public static class IllegalArgumentMapper implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException exception) {
            return Response.status(422).entity("unprocessable").build();
        }
    }

    /** Refuses requests for {@code items/secret} without {@code Authorization}, as an authentication filter would. */
    @Priority(Priorities.AUTHENTICATION)
    public static class AuthFilter implements ContainerRequestFilter {
        private final AtomicInteger calls;

        public AuthFilter(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            calls.incrementAndGet();
            if (request.getUriInfo().getPath().endsWith("secret") && request.getHeaderString("Authorization") == null) {
                request.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer").build());
            }
        }
    }

    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    public static class PreMatchingAuthFilter extends AuthFilter {
        public PreMatchingAuthFilter(AtomicInteger calls) {
            super(calls);
        }
    }

    /*
     * Without Origin a request is no CORS request: the application answers it, and the library only
     * makes the answer safe to share (Vary: Origin, or the wildcard answer every origin gets).
     */

    @Test
    void noOriginIsUntouchedButVariesByOrigin() {
        Reply reply = defaultApp().send("GET", "items");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("items");
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.elements("Vary")).containsOnlyOnce("Origin");
    }

    @Test
    void noOriginWithAnyOriginGetsTheAnswerEveryOriginGets() {
        Reply reply = anyOriginApp().send("GET", "items");
        Reply fromAnOrigin = anyOriginApp().send("GET", "items", "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).as("one stored copy serves everyone").isEqualTo("*");
        assertThat(reply.all("Vary")).isEmpty();
        assertThat(reply.corsHeaders()).isEqualTo(fromAnOrigin.corsHeaders());
        assertThat(fromAnOrigin.all("Vary")).isEmpty();
    }

    @Test
    void anOptionsRequestWithoutOriginIsNoPreflight() {
        Reply reply = defaultApp().send("OPTIONS", "items", "Access-Control-Request-Method", "PUT");

        assertThat(reply.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
        assertThat(reply.header("Allow")).contains("PUT");
        assertThat(reply.corsHeaders()).isEmpty();
    }

    /* An Origin equal to the server's own (scheme, host, port) is no CORS request either, unless allowSameOrigin is off. */

    @Test
    void sameOriginPassesUntouched() {
        App app = defaultApp();
        String own = app.server().ownOrigin();
        int before = app.resourceCalls().get();

        Reply get = app.send("GET", "items", "Origin", own);
        Reply delete = app.send("DELETE", "items", "Origin", own);
        Reply json = app.server().sendWithBody("POST", "items", "{}", "Origin", own, "Content-Type", "application/json");

        assertThat(List.of(get.status(), delete.status(), json.status()))
                .as("own origin is not in the policy, DELETE and JSON are not allowed cross-origin").containsOnly(200);
        assertThat(app.resourceCalls().get() - before).isEqualTo(3);
        for (Reply reply : List.of(get, delete, json)) {
            assertThat(reply.corsHeaders()).isEmpty();
            // Varies as a refusal does, so that caches keep same-origin and cross-origin answers apart.
            assertThat(reply.elements("Vary")).containsExactlyElementsOf(REFUSAL_VARY);
        }
    }

    @Test
    void sameOriginPreflightIsLeftToTheApplication() {
        App app = defaultApp();

        Reply reply = app.send("OPTIONS", "items", "Origin", app.server().ownOrigin(), "Access-Control-Request-Method", "DELETE");

        assertThat(reply.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
        assertThat(reply.header("Allow")).contains("DELETE");
        assertThat(reply.corsHeaders()).isEmpty();
    }

    @Test
    void sameOriginMeansSameSchemeHostAndPort() {
        App app = defaultApp();
        int port = app.server().port();

        assertThat(app.send("GET", "items", "Origin", "http://localhost:" + (port == 65535 ? port - 1 : port + 1)).status()).isEqualTo(403);
        assertThat(app.send("GET", "items", "Origin", "https://localhost:" + port).status()).isEqualTo(403);
        assertThat(app.send("GET", "items", "Origin", "http://127.0.0.1:" + port).status()).isEqualTo(403);
        assertThat(app.send("GET", "items", "Origin", "HTTP://LOCALHOST:" + port).status()).isEqualTo(200);
    }

    @Test
    void sameOriginIsCheckedLikeAnyOtherWhenNotAllowed() {
        App app = app("no-same-origin", CorsPolicy.builder().allowOrigin(ORIGIN).allowSameOrigin(false).build());

        Reply reply = app.send("GET", "items", "Origin", app.server().ownOrigin());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
    }

    /* An Origin that is malformed, repeated, too long, "null" or not allowed: 403, no CORS headers, not echoed. */

    record BadOrigin(String description, List<String> origins) {
        @Override
        public String toString() {
            return description;
        }

        String[] headers(String... more) {
            List<String> headers = new ArrayList<>();
            origins.forEach(origin -> {
                headers.add("Origin");
                headers.add(origin);
            });
            headers.addAll(List.of(more));
            return headers.toArray(String[]::new);
        }
    }

    static Stream<BadOrigin> badOrigins() {
        return Stream.of(
                new BadOrigin("not allowed", List.of(EVIL)),
                new BadOrigin("allowed host, other scheme", List.of("http://app.example.com")),
                new BadOrigin("allowed host, other port", List.of("https://app.example.com:8443")),
                new BadOrigin("ends with the allowed host", List.of("https://evilapp.example.com")),
                new BadOrigin("allowed origin with a path", List.of(ORIGIN + "/")),
                new BadOrigin("no scheme", List.of("app.example.com")),
                new BadOrigin("repeated, both allowed", List.of(ORIGIN, ORIGIN)),
                new BadOrigin("repeated, one allowed", List.of(ORIGIN, EVIL)),
                new BadOrigin("too long", List.of("https://" + "a".repeat(OriginParser.MAX_LENGTH) + ".example.com")),
                new BadOrigin("null", List.of("null")));
    }

    @ParameterizedTest(name = "actual: {0}")
    @MethodSource("badOrigins")
    void actualRequestFromABadOriginIsForbidden(BadOrigin bad) {
        App app = defaultApp();
        int before = app.resourceCalls().get();

        Reply reply = app.send("GET", "items", bad.headers());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.elements("Vary")).containsExactlyElementsOf(REFUSAL_VARY);
        bad.origins().forEach(origin -> assertThat(reply.body()).doesNotContain(origin));
        assertThat(app.resourceCalls().get()).as("resource not invoked").isEqualTo(before);
    }

    @ParameterizedTest(name = "preflight: {0}")
    @MethodSource("badOrigins")
    void preflightFromABadOriginIsForbidden(BadOrigin bad) {
        Reply reply = defaultApp().send("OPTIONS", "items", bad.headers("Access-Control-Request-Method", "PUT"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.elements("Vary")).containsExactlyElementsOf(REFUSED_PREFLIGHT_VARY);
        bad.origins().forEach(origin -> assertThat(reply.body()).doesNotContain(origin));
    }

    static App anyOriginApp() {
        return app("any-origin", CorsPolicy.builder().allowAnyOrigin().allowMethod("PUT").allowMethod("OPTIONS").build());
    }

    @Test
    void anyOriginStillRefusesMalformedRepeatedAndTooLongOrigins() {
        App app = anyOriginApp();

        for (BadOrigin bad : List.of(
                new BadOrigin("malformed", List.of(ORIGIN + "/")),
                new BadOrigin("repeated", List.of(ORIGIN, EVIL)),
                new BadOrigin("too long", List.of("https://" + "a".repeat(OriginParser.MAX_LENGTH) + ".example.com")))) {
            Reply actual = app.send("GET", "items", bad.headers());
            Reply preflight = app.send("OPTIONS", "items", bad.headers("Access-Control-Request-Method", "PUT"));

            assertThat(actual.status()).as(bad.description()).isEqualTo(403);
            assertThat(actual.corsHeaders()).as(bad.description()).isEmpty();
            assertThat(preflight.status()).as(bad.description()).isEqualTo(403);
            assertThat(preflight.corsHeaders()).as(bad.description()).isEmpty();
        }
    }

    @Test
    void anyOriginAllowsNull() {
        Reply actual = anyOriginApp().send("GET", "items", "Origin", "null");
        Reply preflight = anyOriginApp().send("OPTIONS", "items", "Origin", "null", "Access-Control-Request-Method", "PUT");

        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    /* A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here, never by the resource. */

    @Test
    void allowedPreflightIsAnsweredWithoutInvokingTheResource() {
        App app = defaultApp();
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
        App app = app("prefixed", CorsPolicy.builder().allowOrigin(ORIGIN).allowHeadersPrefixed("X-Custom-").build());

        Reply reply = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "X-Custom-One", "Access-Control-Request-Headers", " ,X-Custom-Two, ");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.elements("Access-Control-Allow-Headers")).contains("x-custom-one", "x-custom-two");
    }

    @Test
    void preflightWithoutRequestedHeadersHasNoAllowHeaders() {
        Reply reply = defaultApp().send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "GET");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.elements("Access-Control-Allow-Methods")).contains("GET");
        assertThat(reply.all("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void preflightStatusAndMaxAgeFollowThePolicy() {
        App app = app("status-200", CorsPolicy.builder().allowOrigin(ORIGIN).preflightStatus(200).maxAge(Duration.ZERO).build());

        Reply reply = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "POST");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.all("Access-Control-Max-Age")).as("max-age 0 omits the header").isEmpty();
        assertThat(reply.all("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflightForAnyOriginAnswersAWildcard() {
        Reply reply = anyOriginApp().send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(reply.all("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflightForAPathNoResourceServesIsAnsweredByTheDefaultPolicy() {
        Reply reply = defaultApp().send("OPTIONS", "nowhere", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void anOptionsRequestWithoutRequestMethodIsAnActualRequest() {
        Reply notAllowed = defaultApp().send("OPTIONS", "items", "Origin", ORIGIN);
        Reply allowed = anyOriginApp().send("OPTIONS", "items", "Origin", ORIGIN);

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
        App app = defaultApp();
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
        App app = app("pre-matching-auth", DEFAULT, true);
        int before = app.authCalls().get();

        Reply reply = app.send("OPTIONS", "items/secret", "Origin", ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "x-token");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(app.authCalls().get()).isEqualTo(before);
    }

    /* An allowed actual request reaches the resource, and its response gets the CORS headers. */

    @Test
    void allowedActualRequestCarriesTheCorsHeaders() {
        App app = defaultApp();
        int before = app.resourceCalls().get();

        Reply reply = app.send("GET", "items", "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("items");
        assertThat(app.resourceCalls().get()).isEqualTo(before + 1);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(reply.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
        assertThat(reply.all("Access-Control-Allow-Methods")).isEmpty();
        assertThat(reply.all("Access-Control-Max-Age")).isEmpty();
        assertThat(reply.elements("Vary")).containsExactly("Origin");
    }

    @Test
    void allowOriginIsTheOriginExactlyAsSent() {
        for (String sent : List.of("HTTPS://App.Example.COM", "https://app.example.com:443")) {
            Reply reply = defaultApp().send("GET", "items", "Origin", sent);

            assertThat(reply.status()).as(sent).isEqualTo(200);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(sent);
        }
    }

    @Test
    void headIsAnActualRequestToo() {
        Reply allowed = defaultApp().send("HEAD", "items", "Origin", ORIGIN);
        Reply refused = defaultApp().send("HEAD", "items", "Origin", EVIL);

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.corsHeaders()).isEmpty();
    }

    @Test
    void allowedMethodsAndSafelistedContentTypesPass() {
        App app = defaultApp();

        Reply put = app.server().sendWithBody("PUT", "items", "x", "Origin", ORIGIN, "Content-Type", "text/plain;charset=UTF-8", "X-Token", "t");
        Reply form = app.server().sendWithBody("POST", "items", "a=b", "Origin", ORIGIN, "Content-Type", "application/x-www-form-urlencoded");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    record ErrorResponse(String description, String method, String path, int status) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<ErrorResponse> errorResponses() {
        return Stream.of(
                new ErrorResponse("404, no resource", "GET", "nowhere", 404),
                new ErrorResponse("405, resource without that method", "PUT", "items/read-only", 405),
                new ErrorResponse("WebApplicationException", "GET", "items/conflict", 409),
                new ErrorResponse("mapped exception", "GET", "items/mapped", 422),
                new ErrorResponse("authentication filter", "GET", "items/secret", 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorResponses")
    void errorResponsesCarryTheCorsHeaders(ErrorResponse row) {
        assertCorsOnError(defaultApp(), row);
    }

    @ParameterizedTest(name = "pre-matching auth: {0}")
    @MethodSource("errorResponses")
    void errorResponsesCarryTheCorsHeadersWithAPreMatchingAuthFilter(ErrorResponse row) {
        assertCorsOnError(app("pre-matching-auth", DEFAULT, true), row);
    }

    private static void assertCorsOnError(App app, ErrorResponse row) {
        Reply reply = app.send(row.method(), row.path(), "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(row.status());
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(reply.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
        assertThat(reply.elements("Vary")).containsOnlyOnce("Origin");
    }

    @Test
    void authenticationFailureKeepsItsOwnHeaders() {
        Reply reply = defaultApp().send("GET", "items/secret", "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    /* An actual request with a method or a non-safelisted Content-Type the policy does not allow: 403, resource not invoked. */

    @Test
    void actualRequestWithAMethodNotAllowedIsForbidden() {
        App app = defaultApp();
        int before = app.resourceCalls().get();

        Reply reply = app.send("DELETE", "items", "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(app.resourceCalls().get()).isEqualTo(before);
    }

    @Test
    void actualRequestWithANonSafelistedContentTypeIsForbidden() {
        App app = defaultApp();
        int before = app.resourceCalls().get();

        Reply json = app.server().sendWithBody("POST", "items", "{}", "Origin", ORIGIN, "Content-Type", "application/json");
        Reply plain = app.server().sendWithBody("POST", "items", "{}", "Origin", ORIGIN, "Content-Type", "text/plain");

        assertThat(json.status()).isEqualTo(403);
        assertThat(json.corsHeaders()).isEmpty();
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(app.resourceCalls().get()).as("only the text/plain request reached the resource").isEqualTo(before + 1);
    }

    /* reject-disallowed = false. */

    @Test
    void withoutRejectionDisallowedRequestsPassWithoutCorsHeaders() {
        App app = app("pass-through", CorsPolicy.builder().allowOrigin(ORIGIN).rejectDisallowed(false).build());
        int before = app.resourceCalls().get();

        Reply evil = app.send("GET", "items", "Origin", EVIL);
        Reply malformed = app.send("GET", "items", "Origin", "null");
        Reply method = app.send("DELETE", "items", "Origin", ORIGIN);
        Reply json = app.server().sendWithBody("POST", "items", "{}", "Origin", ORIGIN, "Content-Type", "application/json");
        Reply preflight = app.send("OPTIONS", "items", "Origin", EVIL, "Access-Control-Request-Method", "GET");

        for (Reply reply : List.of(evil, malformed, method, json)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.corsHeaders()).isEmpty();
            assertThat(reply.elements("Vary")).containsExactly("Origin");
        }
        assertThat(app.resourceCalls().get()).isEqualTo(before + 4);
        assertThat(preflight.status()).as("preflights are still refused").isEqualTo(403);
        assertThat(preflight.corsHeaders()).isEmpty();
    }

    /* Vary is added to, never overwritten. */

    @Test
    void varyIsAddedToTheApplicationsVary() {
        App app = defaultApp();

        Reply allowed = app.send("GET", "items/vary", "Origin", ORIGIN);
        Reply noOrigin = app.send("GET", "items/vary");

        for (Reply reply : List.of(allowed, noOrigin)) {
            assertThat(reply.elements("Vary")).containsExactlyInAnyOrder("Accept-Encoding", "Origin");
        }
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void varyOriginIsNeverDuplicated() {
        App app = defaultApp();

        Reply allowed = app.send("GET", "items/vary-origin", "Origin", ORIGIN);
        Reply noOrigin = app.send("GET", "items/vary-origin");

        assertThat(allowed.elements("Vary")).containsExactly("Origin");
        assertThat(noOrigin.elements("Vary")).containsExactly("Origin");
    }

    /* With credentials, no Access-Control-* header carries '*'. */

    @Test
    void withCredentialsNoHeaderCarriesAWildcard() {
        App app = app("credentials-any", CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyMethod().allowAnyHeader()
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

    /* Private network access. */

    @Test
    void privateNetworkAccessIsGrantedWhenAskedAndAllowed() {
        App app = app("private-network", CorsPolicy.builder().allowOrigin(ORIGIN).allowPrivateNetwork(true).build());

        Reply asked = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Private-Network", "true");
        Reply notAsked = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "GET");

        assertThat(asked.status()).isEqualTo(204);
        assertThat(asked.header("Access-Control-Allow-Private-Network")).isEqualTo("true");
        assertThat(notAsked.status()).isEqualTo(204);
        assertThat(notAsked.all("Access-Control-Allow-Private-Network")).isEmpty();
    }

    @Test
    void privateNetworkAccessAskedButNotAllowedIsAnsweredWithoutIt() {
        Reply reply = defaultApp().send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Private-Network", "true");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.all("Access-Control-Allow-Private-Network")).isEmpty();
    }

    /* trust-forwarded-headers. */

    record Forwarded(String description, String origin, List<String> headers, int status) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Forwarded> forwarded() {
        return Stream.of(
                new Forwarded("Forwarded proto and host", "https://api.example.com",
                        List.of("Forwarded", "proto=https;host=api.example.com"), 200),
                new Forwarded("Forwarded with a quoted host and port", "https://api.example.com:8443",
                        List.of("Forwarded", "for=10.0.0.1;proto=https;host=\"api.example.com:8443\""), 200),
                new Forwarded("Forwarded, first proxy counts", "https://api.example.com",
                        List.of("Forwarded", "proto=https;host=api.example.com, proto=http;host=internal"), 200),
                new Forwarded("X-Forwarded-Proto and -Host", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com"), 200),
                new Forwarded("X-Forwarded-Host with port", "https://api.example.com:8443",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com:8443"), 200),
                new Forwarded("X-Forwarded-Port", "https://api.example.com:8443",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "8443"), 200),
                new Forwarded("X-Forwarded default port", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "443"), 200),
                new Forwarded("other forwarded host", "https://api.example.com",
                        List.of("Forwarded", "proto=https;host=other.example"), 403),
                new Forwarded("other forwarded scheme", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "http", "X-Forwarded-Host", "api.example.com"), 403),
                new Forwarded("other forwarded port", "https://api.example.com",
                        List.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "X-Forwarded-Port", "8443"), 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwarded")
    void trustedForwardedHeadersNameTheServersOwnOrigin(Forwarded row) {
        App app = app("trust-forwarded", CorsPolicy.builder().allowOrigin(ORIGIN).trustForwardedHeaders(true).build());
        List<String> headers = new ArrayList<>(List.of("Origin", row.origin()));
        headers.addAll(row.headers());

        Reply reply = app.send("GET", "items", headers.toArray(String[]::new));

        assertThat(reply.status()).isEqualTo(row.status());
        assertThat(reply.corsHeaders()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwarded")
    void forwardedHeadersAreIgnoredUnlessTrusted(Forwarded row) {
        List<String> headers = new ArrayList<>(List.of("Origin", row.origin()));
        headers.addAll(row.headers());

        Reply reply = defaultApp().send("GET", "items", headers.toArray(String[]::new));

        assertThat(reply.status()).isEqualTo(403);
    }

    /* Every rejection is logged once at debug level. */

    @Test
    void rejectionsAreLoggedAtDebugLevel() {
        List<String> preflight = captureLog(() -> defaultApp().send("OPTIONS", "items", "Origin", ORIGIN,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-token, X-Other"));
        List<String> actual = captureLog(() -> defaultApp().send("GET", "items", "Origin", EVIL));
        List<String> method = captureLog(() -> defaultApp().send("DELETE", "items", "Origin", ORIGIN));
        List<String> allowed = captureLog(() -> defaultApp().send("GET", "items", "Origin", ORIGIN));

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
                if (record.getLevel() == Level.FINE) {
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
