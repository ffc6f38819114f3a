package io.github.jaxrscors.it.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.it.ForkedJvm;
import io.github.jaxrscors.it.Http;
import io.github.jaxrscors.it.app.ForkedMain;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Jersey application on a classpath with the MicroProfile Config API but no implementation (the
 * library bundles none): the drop-in cannot read its policy and must say how to fix that, while a
 * policy given in code needs no implementation at all.
 */
class MissingConfigImplementationIT {

    private static final String CLASSPATH = "jersey-without-config";

    @BeforeAll
    static void classpathReallyLacksAnImplementation() throws Exception {
        String classpath = Files.readString(Path.of(System.getProperty("it.classpath.dir"), CLASSPATH + ".txt"));
        assertThat(classpath).contains("microprofile-config-api").doesNotContain("smallrye-config");
    }

    @Test
    void dropInDeploymentFailsNamingTheFix() throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(JerseyDropInServer.class, CLASSPATH).configDirectory("dropin").start()) {
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

    @Test
    void policyGivenInCodeWorksWithoutAnImplementation() throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(JerseyProgrammaticServer.class, CLASSPATH).start()) {
            URI base = server.awaitListening();

            HttpResponse<String> preflight = Http.send("OPTIONS", base.resolve("api/items/1"), Map.of(
                    "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
                    "Access-Control-Request-Headers", "Content-Type"));
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");

            HttpResponse<String> notFound = Http.send("GET", base.resolve("api/nowhere"), Map.of("Origin", "https://app.example.com"));
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
            HttpResponse<String> get = Http.send("GET", base.resolve("api/items"), Map.of("Origin", "https://app.example.com"));
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Total-Count");
            assertThat(Http.send("GET", base.resolve("api/items"), Map.of("Origin", "https://evil.example")).statusCode())
                    .isEqualTo(403);
        }
    }
}
