package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.it.app.CodePolicyApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import java.util.concurrent.TimeoutException;

/** What a forked application shows a client or an operator, whichever runtime and classpath it has. */
final class ForkedAppChecks {

    private ForkedAppChecks() {
    }

    /** {@link CodePolicyApplication} answers by its policy in code, and by nothing else. */
    static void assertServesThePolicyInCode(ForkedJvm server) {
        String origin = CodePolicyApplication.ORIGIN;
        Reply preflight = server.send("OPTIONS", "api/items/1", "Origin", origin,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type");
        assertThat(preflight.status()).as("allowed preflight").isEqualTo(204);
        assertThat(preflight.all("Access-Control-Allow-Origin")).as("allowed preflight: one ACAO").containsExactly(origin);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PUT");

        Reply get = server.send("GET", "api/items", "Origin", origin);
        assertThat(get.status()).as("allowed GET").isEqualTo(200);
        assertThat(get.all("Access-Control-Allow-Origin")).as("allowed GET: one ACAO").containsExactly(origin);
        assertThat(get.all("Access-Control-Expose-Headers")).containsExactly("X-Total-Count");
        assertThat(get.elements("Vary").stream().filter("Origin"::equalsIgnoreCase)).as("Vary: Origin once").hasSize(1);

        Reply notFound = server.send("GET", "api/nowhere", "Origin", origin);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("Access-Control-Allow-Origin")).as("the 404 is readable").isEqualTo(origin);

        Reply foreign = server.send("GET", "api/items", "Origin", "https://evil.example");
        assertThat(foreign.status()).as("foreign GET").isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    /**
     * The drop-in, with nothing to read its policy with, stops the start with the library's own
     * message naming the fix, rather than with whatever the runtime would throw.
     */
    static void assertDropInStopsForWantOfConfig(ForkedJvm server) throws InterruptedException, TimeoutException {
        int exitCode = server.awaitExit();

        assertThat(exitCode).as("the application must not come up without its CORS policy:\n%s", server.output())
                .isNotZero();
        assertThat(server.output()).doesNotContain(ForkedMain.LISTENING);
        assertThat(firstThrowable(server.output())).as("what stopped the start, in:\n%s", server.output())
                .startsWith("io.github.jaxrscors.CorsConfigException: Invalid CORS configuration: jaxrs-cors reads its "
                        + "policy from MicroProfile Config, but no MicroProfile Config implementation is on the classpath")
                .contains("io.smallrye.config:smallrye-config")
                .contains("new CorsFeature(policy)");
    }

    /**
     * The first line that names a throwable: the one the runtime let escape the start, printed by
     * {@link ForkedMain}, or the one it logged on its way out.
     */
    private static String firstThrowable(String output) {
        return output.lines()
                .map(String::strip)
                .filter(line -> line.matches("(Caused by: )?[\\w.$]+(Exception|Error)(: .*)?"))
                .findFirst()
                .orElse("(no throwable in the output)");
    }
}
