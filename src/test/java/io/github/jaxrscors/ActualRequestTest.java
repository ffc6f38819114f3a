package io.github.jaxrscors;

import static io.github.jaxrscors.testing.ItemsApps.DEFAULT;
import static io.github.jaxrscors.testing.ItemsApps.EVIL;
import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.EdgeCaseApps;
import io.github.jaxrscors.testing.EdgeCaseApps.Server;
import io.github.jaxrscors.testing.ItemsApps;
import io.github.jaxrscors.testing.ItemsApps.App;
import io.github.jaxrscors.testing.Reply;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Actual requests (any request with {@code Origin} that is not a preflight), over real HTTP: a
 * Jersey application on Grizzly, requests sent as a browser sends them. An allowed one reaches the
 * resource and its response gets the CORS headers, error responses and authentication failures
 * included; one whose method or non-safelisted content type the policy does not allow gets 403
 * before the resource, or passes without CORS headers under {@code cors.reject-disallowed=false}.
 * Refused origins: {@link OriginMatchingHttpTest}; the server's own: {@link SameOriginTest}.
 */
class ActualRequestTest {

    private static final ItemsApps APPS = new ItemsApps();
    private static final EdgeCaseApps EDGE_CASES = new EdgeCaseApps();

    @AfterAll
    static void stop() {
        APPS.close();
        EDGE_CASES.close();
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

    @Test
    void lowerCaseActualMethodIsNotTheAllowedMethod() {
        Reply response = EDGE_CASES.send(Server.NAMED, "put", "/r", "Origin: " + EdgeCaseApps.ORIGIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.corsHeaders()).isEmpty();
        assertThat(EDGE_CASES.send(Server.NAMED, "PUT", "/r", "Origin: " + EdgeCaseApps.ORIGIN).header("Access-Control-Allow-Origin"))
                .isEqualTo(EdgeCaseApps.ORIGIN);
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

}
