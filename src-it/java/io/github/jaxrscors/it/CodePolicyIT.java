package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.it.app.CodePolicyApplication;
import io.github.jaxrscors.it.jersey.JerseyProgrammaticServer;
import io.github.jaxrscors.it.resteasy.RestEasyProgrammaticServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code new CorsFeature(policy)} registered by the application while the jar's drop-in
 * registration is active and a configuration file is present: installed once, and the policy in
 * code wins over the file.
 */
class CodePolicyIT {

    enum Runtime {
        JERSEY(JerseyProgrammaticServer.class, "jersey"),
        RESTEASY(RestEasyProgrammaticServer.class, "resteasy");

        final Class<?> main;
        final String classpath;

        Runtime(Class<?> main, String classpath) {
            this.main = main;
            this.classpath = classpath;
        }
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void policyInCodeIsInstalledOnceAndWinsOverConfiguration(Runtime runtime) throws Exception {
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.main, runtime.classpath).configDirectory("dropin").start()) {
            URI base = server.awaitListening();

            HttpResponse<String> preflight = Http.send("OPTIONS", base.resolve("api/items/1"), Map.of(
                    "Origin", CodePolicyApplication.ORIGIN, "Access-Control-Request-Method", "PUT",
                    "Access-Control-Request-Headers", "content-type"));
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).containsExactly(CodePolicyApplication.ORIGIN);

            HttpResponse<String> get = Http.send("GET", base.resolve("api/items"), Map.of("Origin", CodePolicyApplication.ORIGIN));
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().allValues("Access-Control-Allow-Origin")).containsExactly(CodePolicyApplication.ORIGIN);
            assertThat(get.headers().allValues("Access-Control-Expose-Headers")).containsExactly("X-Total-Count");
            assertThat(get.headers().allValues("Vary").stream().flatMap(v -> Arrays.stream(v.split(",")))
                    .map(String::trim).filter("Origin"::equalsIgnoreCase)).as("Vary: Origin once").hasSize(1);

            assertThat(Http.send("GET", base.resolve("api/items"), Map.of("Origin", "https://app.example.com")).statusCode())
                    .as("the file's origin does not apply when code gives the policy").isEqualTo(403);
        }
    }
}
