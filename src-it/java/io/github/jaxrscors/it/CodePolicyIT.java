package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.Reply;
import io.github.jaxrscors.it.app.CodePolicyApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code new CorsFeature(policy)} registered by the application while the jar's drop-in
 * registration is active and a configuration file is present: installed once, and the policy in
 * code wins over the file.
 */
class CodePolicyIT {

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void policyInCodeIsInstalledOnceAndWinsOverConfiguration(ServerRuntime runtime) throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.programmatic, runtime.classpath).configDirectory("dropin").start()) {
            Reply preflight = server.send("OPTIONS", "api/items/1", "Origin", CodePolicyApplication.ORIGIN,
                    "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.all("Access-Control-Allow-Origin")).containsExactly(CodePolicyApplication.ORIGIN);

            Reply get = server.send("GET", "api/items", "Origin", CodePolicyApplication.ORIGIN);
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.all("Access-Control-Allow-Origin")).containsExactly(CodePolicyApplication.ORIGIN);
            assertThat(get.all("Access-Control-Expose-Headers")).containsExactly("X-Total-Count");
            assertThat(get.elements("Vary").stream().filter("Origin"::equalsIgnoreCase)).as("Vary: Origin once").hasSize(1);

            assertThat(server.send("GET", "api/items", "Origin", "https://app.example.com").status())
                    .as("the file's origin does not apply when code gives the policy").isEqualTo(403);
        }
    }
}
