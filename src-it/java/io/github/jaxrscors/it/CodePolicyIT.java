package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

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
            ForkedAppChecks.assertServesThePolicyInCode(server);
            assertThat(server.send("GET", "api/items", "Origin", "https://app.example.com").status())
                    .as("the file's origin does not apply when code gives the policy").isEqualTo(403);
        }
    }
}
