package io.github.jaxrscors.runtime.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.testing.TestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quarkus's own CORS filter turned on beside jaxrs-cors, and what the user is told. */
class QuarkusCorsTest {

    @Test
    void quarkusOwnCorsFilterMustBeOff() {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", "https://app.example.com", "quarkus.http.cors.enabled", "true"))));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("quarkus.http.cors.enabled");
            assertThat(problem.message()).contains("Quarkus's own CORS filter", "quarkus.http.cors.enabled=false");
        });
        assertThatCode(() -> CorsPolicy.fromConfig(TestConfig.of(Map.of(
                "cors.allowed-origins", "https://app.example.com", "quarkus.http.cors.enabled", "false"))))
                .doesNotThrowAnyException();
    }
}
