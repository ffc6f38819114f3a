package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.Reply;
import io.github.jaxrscors.it.app.CodePolicyApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Applications on a classpath with the MicroProfile Config API but no implementation (the library
 * bundles none): the drop-in cannot read its policy and must say how to fix that, while a policy
 * given in code needs no implementation at all.
 */
class MissingConfigImplementationIT {

    /** The runtime's classpath with the MicroProfile Config API but no implementation. */
    private static final String WITHOUT = "without-config";

    private static void assertLacksAnImplementation(ServerRuntime runtime) throws Exception {
        String entries = Files.readString(Path.of(System.getProperty("it.classpath.dir"), runtime.classpath(WITHOUT) + ".txt"));
        assertThat(entries).contains("microprofile-config-api").doesNotContain("smallrye-config");
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void dropInDeploymentFailsNamingTheFix(ServerRuntime runtime) throws Exception {
        assertLacksAnImplementation(runtime);
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.dropIn, runtime.classpath(WITHOUT)).configDirectory("dropin").start()) {
            int exitCode = server.awaitExit();

            assertThat(exitCode).as("the application must not come up without its CORS policy:\n%s", server.output())
                    .isNotZero();
            assertThat(server.output())
                    .contains("CorsConfigException")
                    .contains("no MicroProfile Config implementation is on the classpath")
                    .contains("io.smallrye.config:smallrye-config")
                    .contains("new CorsFeature(policy)")
                    .doesNotContain(ForkedMain.LISTENING);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void policyGivenInCodeWorksWithoutAnImplementation(ServerRuntime runtime) throws Exception {
        assertLacksAnImplementation(runtime);
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.programmatic, runtime.classpath(WITHOUT)).start()) {
            Reply preflight = server.send("OPTIONS", "api/items/1", "Origin", CodePolicyApplication.ORIGIN,
                    "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "Content-Type");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(CodePolicyApplication.ORIGIN);

            Reply notFound = server.send("GET", "api/nowhere", "Origin", CodePolicyApplication.ORIGIN);
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.header("Access-Control-Allow-Origin")).isEqualTo(CodePolicyApplication.ORIGIN);
            Reply get = server.send("GET", "api/items", "Origin", CodePolicyApplication.ORIGIN);
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
            assertThat(server.send("GET", "api/items", "Origin", "https://evil.example").status()).isEqualTo(403);
        }
    }
}
