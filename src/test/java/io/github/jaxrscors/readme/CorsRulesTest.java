package io.github.jaxrscors.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsInspector;
import io.github.jaxrscors.testing.TestConfig;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The README's example of asking the library in a unit test, run as it is written there. */
class CorsRulesTest {

    /** The README's policies (its "policies-config" block), as the application's configuration. */
    private final Config config = TestConfig.of(Map.of(
            "cors.allowed-origins", "https://shop.example.com, https://*.shop.example.com",
            "cors.allowed-methods", "PUT, DELETE",
            "cors.allowed-headers", "Content-Type, X-Request-Id",
            "cors.exposed-headers", "X-Total-Count",
            "cors.policy.admin.allowed-origins", "https://admin.example.com",
            "cors.policy.admin.allow-credentials", "true"));

    // tag::inspector[]
    @Test
    void customersAreForTheAdminOriginOnly() {
        CorsInspector cors = CorsInspector.builder()
                .resources(CustomerResource.class, OrderResource.class)
                .config(config)
                .build();

        assertThat(cors.routes()).filteredOn(route -> route.path().equals("/customers/{id}"))
                .allSatisfy(route -> assertThat(route.policy().allowedOrigins()).containsExactly("https://admin.example.com"));

        CorsInspector.Answer answer = cors.preflight("https://shop.example.com", "PUT", "/customers/42", "Content-Type");
        assertThat(answer.allowed()).isFalse();
        assertThat(answer.policy()).isEqualTo("admin");
        assertThat(answer.reason()).isEqualTo("origin 'https://shop.example.com' not allowed");
        assertThat(answer.status()).hasValue(403);
    }
    // end::inspector[]
}
