package io.github.jaxrscors;

import static io.github.jaxrscors.testing.ItemsApps.DEFAULT;
import static io.github.jaxrscors.testing.ItemsApps.EVIL;
import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static io.github.jaxrscors.testing.ItemsApps.PREFLIGHT_VARY;
import static io.github.jaxrscors.testing.ItemsApps.REFUSAL_VARY;
import static io.github.jaxrscors.testing.ItemsApps.REFUSED_PREFLIGHT_VARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.policy.OriginParser;
import io.github.jaxrscors.testing.ItemsApps;
import io.github.jaxrscors.testing.ItemsApps.App;
import io.github.jaxrscors.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How each kind of request is answered, over real HTTP: a Jersey application on Grizzly, requests
 * sent as a browser sends them, one test (or table) per kind of request and per rule.
 */
class ActualRequestTest {

    private static final ItemsApps APPS = new ItemsApps();

    @AfterAll
    static void stop() {
        APPS.close();
    }

    @Test
    void anOptionsRequestWithoutOriginIsNoPreflight() {
        Reply reply = APPS.defaultApp().send("OPTIONS", "items", "Access-Control-Request-Method", "PUT");

        assertThat(reply.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
        assertThat(reply.header("Allow")).contains("PUT");
        assertThat(reply.corsHeaders()).isEmpty();
    }

    /* A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here, never by the resource. */

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

    /* An allowed actual request reaches the resource, and its response gets the CORS headers. */

    @Test
    void allowedActualRequestCarriesTheCorsHeaders() {
        App app = APPS.defaultApp();
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
    void headIsAnActualRequestToo() {
        Reply allowed = APPS.defaultApp().send("HEAD", "items", "Origin", ORIGIN);
        Reply refused = APPS.defaultApp().send("HEAD", "items", "Origin", EVIL);

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.corsHeaders()).isEmpty();
    }

    @Test
    void allowedMethodsAndSafelistedContentTypesPass() {
        App app = APPS.defaultApp();

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
        assertCorsOnError(APPS.defaultApp(), row);
    }

    @ParameterizedTest(name = "pre-matching auth: {0}")
    @MethodSource("errorResponses")
    void errorResponsesCarryTheCorsHeadersWithAPreMatchingAuthFilter(ErrorResponse row) {
        assertCorsOnError(APPS.app("pre-matching-auth", DEFAULT, true), row);
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
        Reply reply = APPS.defaultApp().send("GET", "items/secret", "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    /* An actual request with a method or a non-safelisted Content-Type the policy does not allow: 403, resource not invoked. */

    @Test
    void actualRequestWithAMethodNotAllowedIsForbidden() {
        App app = APPS.defaultApp();
        int before = app.resourceCalls().get();

        Reply reply = app.send("DELETE", "items", "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(app.resourceCalls().get()).isEqualTo(before);
    }

    @Test
    void actualRequestWithANonSafelistedContentTypeIsForbidden() {
        App app = APPS.defaultApp();
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
        App app = APPS.app("pass-through", CorsPolicy.builder().allowOrigin(ORIGIN).rejectDisallowed(false).build());
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

    /* Every rejection is logged once at debug level. */

    @Test
    void rejectionsAreLoggedAtDebugLevel() {
        List<String> preflight = captureLog(() -> APPS.defaultApp().send("OPTIONS", "items", "Origin", ORIGIN,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-token, X-Other"));
        List<String> actual = captureLog(() -> APPS.defaultApp().send("GET", "items", "Origin", EVIL));
        List<String> method = captureLog(() -> APPS.defaultApp().send("DELETE", "items", "Origin", ORIGIN));
        List<String> allowed = captureLog(() -> APPS.defaultApp().send("GET", "items", "Origin", ORIGIN));

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
