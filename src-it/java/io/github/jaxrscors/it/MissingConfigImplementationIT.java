package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.Reply;
import io.github.jaxrscors.it.app.CodePolicyApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.jersey.JerseyDropInServer;
import io.github.jaxrscors.it.jersey.JerseyProgrammaticServer;
import io.github.jaxrscors.it.resteasy.RestEasyDropInServer;
import io.github.jaxrscors.it.resteasy.RestEasyProgrammaticServer;
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

    enum Runtime {
        JERSEY(JerseyDropInServer.class, JerseyProgrammaticServer.class, "jersey-without-config"),
        RESTEASY(RestEasyDropInServer.class, RestEasyProgrammaticServer.class, "resteasy-without-config");

        final Class<?> dropIn;
        final Class<?> programmatic;
        final String classpath;

        Runtime(Class<?> dropIn, Class<?> programmatic, String classpath) {
            this.dropIn = dropIn;
            this.programmatic = programmatic;
            this.classpath = classpath;
        }

        void assertLacksAnImplementation() throws Exception {
            String entries = Files.readString(Path.of(System.getProperty("it.classpath.dir"), classpath + ".txt"));
            assertThat(entries).contains("microprofile-config-api").doesNotContain("smallrye-config");
        }
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void dropInDeploymentFailsNamingTheFix(Runtime runtime) throws Exception {
        runtime.assertLacksAnImplementation();
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.dropIn, runtime.classpath).configDirectory("dropin").start()) {
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
    @EnumSource(Runtime.class)
    void policyGivenInCodeWorksWithoutAnImplementation(Runtime runtime) throws Exception {
        runtime.assertLacksAnImplementation();
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.programmatic, runtime.classpath).start()) {
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
