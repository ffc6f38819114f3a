package io.github.jaxrscors;

import static io.github.jaxrscors.testing.ItemsApps.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jaxrscors.testing.ItemsApps;
import io.github.jaxrscors.testing.ItemsApps.App;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Private network access ({@code cors.allow-private-network}), over real HTTP: a preflight that asks
 * {@code Access-Control-Request-Private-Network: true} gets {@code Access-Control-Allow-Private-Network: true}
 * only where the policy allows it, and never for any origin, which the policy refuses to start with.
 * How the compiled policy answers it: {@code internal.policy.CompiledPolicyTest}.
 */
class PrivateNetworkAccessTest {

    private static final ItemsApps APPS = new ItemsApps();

    @AfterAll
    static void stop() {
        APPS.close();
    }

    @Test
    void privateNetworkAccessIsGrantedWhenAskedAndAllowed() {
        App app = APPS.app("private-network", CorsPolicy.builder().allowOrigin(ORIGIN).allowPrivateNetwork(true).build());

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
        Reply reply = APPS.defaultApp().send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Private-Network", "true");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(reply.all("Access-Control-Allow-Private-Network")).isEmpty();
    }

    @Test
    void privateNetworkAccessIsRefusedForAnyOrigin() {
        CorsConfigException inCode = catchThrowableOfType(CorsConfigException.class,
                () -> CorsPolicy.builder().allowAnyOrigin().allowPrivateNetwork(true).build());
        CorsConfigException inConfig = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(
                TestConfig.of(Map.of("cors.allowed-origins", "*", "cors.allow-private-network", "true"))));

        assertThat(inCode.problems()).singleElement().hasToString("allowPrivateNetwork: private network access cannot be "
                + "combined with any origin ('*' in allowAnyOrigin): any website could reach servers on your visitors' "
                + "private networks through their browsers. List the origins explicitly");
        assertThat(inConfig.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("cors.allow-private-network");
            assertThat(problem.message()).contains("'*' in cors.allowed-origins");
        });
        assertThatCode(() -> CorsPolicy.builder().allowOrigin("https://app.example.com").allowPrivateNetwork(true).build())
                .doesNotThrowAnyException();
    }
}
