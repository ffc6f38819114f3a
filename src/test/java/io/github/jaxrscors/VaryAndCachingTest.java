package io.github.jaxrscors;

import static io.github.jaxrscors.testing.EdgeCaseApps.elements;
import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static io.github.jaxrscors.testing.ItemsApps.REFUSAL_VARY;
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
 * What makes every answer safe for a shared cache to store and hand to another client, over real
 * HTTP: {@code Vary} names what the answer depended on, added to the application's own and never
 * doubled; a request without {@code Origin} varies by it too, or, under any origin without
 * credentials, gets the {@code Access-Control-Allow-Origin: *} every origin gets; a refusal gets
 * none, under any origin too.
 */
class VaryAndCachingTest {

    private static final ItemsApps APPS = new ItemsApps();
    private static final EdgeCaseApps EDGE_CASES = new EdgeCaseApps();

    @AfterAll
    static void stop() {
        APPS.close();
        EDGE_CASES.close();
    }

    /*
     * Without Origin a request is no CORS request: the application answers it, and the library only
     * makes the answer safe to share (Vary: Origin, or the wildcard answer every origin gets).
     */

    @Test
    void noOriginIsUntouchedButVariesByOrigin() {
        Reply reply = APPS.defaultApp().send("GET", "items");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("items");
        assertThat(reply.corsHeaders()).isEmpty();
        assertThat(reply.elements("Vary")).containsOnlyOnce("Origin");
    }

    @Test
    void noOriginWithAnyOriginGetsTheAnswerEveryOriginGets() {
        Reply reply = APPS.anyOriginApp().send("GET", "items");
        Reply fromAnOrigin = APPS.anyOriginApp().send("GET", "items", "Origin", ORIGIN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).as("one stored copy serves everyone").isEqualTo("*");
        assertThat(reply.all("Vary")).isEmpty();
        assertThat(reply.corsHeaders()).isEqualTo(fromAnOrigin.corsHeaders());
        assertThat(fromAnOrigin.all("Vary")).isEmpty();
    }

    @Test
    void underAnyOriginARefusalCarriesNoCorsHeaders() {
        App app = APPS.anyOriginApp();
        int before = app.resourceCalls().get();

        Reply malformed = app.send("GET", "items", "Origin", ORIGIN + "/");
        Reply method = app.send("DELETE", "items", "Origin", ORIGIN);
        Reply json = app.server().sendWithBody("POST", "items", "{}", "Origin", ORIGIN, "Content-Type", "application/json");

        for (Reply reply : List.of(malformed, method, json)) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.corsHeaders()).as("not even Access-Control-Allow-Origin: *").isEmpty();
            assertThat(reply.elements("Vary")).containsExactlyElementsOf(REFUSAL_VARY);
        }
        assertThat(app.resourceCalls().get()).as("resource not invoked").isEqualTo(before);
    }

    /* Vary is added to, never overwritten. */

    @Test
    void varyOriginIsNeverDuplicated() {
        App app = APPS.defaultApp();

        Reply allowed = app.send("GET", "items/vary-origin", "Origin", ORIGIN);
        Reply noOrigin = app.send("GET", "items/vary-origin");

        assertThat(allowed.elements("Vary")).containsExactly("Origin");
        assertThat(noOrigin.elements("Vary")).containsExactly("Origin");
    }

    record VaryCase(String description, Server server, String method, String path, List<String> headerLines,
            List<String> expectedVary) {
        @Override
        public String toString() {
            return description + ": " + server + " " + method + " /" + path;
        }
    }

    static Stream<VaryCase> vary() {
        String allowed = "Origin: " + EdgeCaseApps.ORIGIN;
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
        Reply response = EDGE_CASES.sendLines(c.server, c.method, "/" + c.path, c.headerLines);
        List<String> vary = response.all("Vary").stream().flatMap(v -> elements(v).stream()).toList();
        assertThat(vary).as(response.raw()).containsExactlyInAnyOrderElementsOf(c.expectedVary);
    }
}
