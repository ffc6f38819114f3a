package io.github.jaxrscors.compat;

import static io.github.jaxrscors.compat.DropInChecks.APP;
import static io.github.jaxrscors.compat.DropInChecks.FOREIGN;
import static io.github.jaxrscors.compat.DropInChecks.header;
import static io.github.jaxrscors.compat.DropwizardApp.MICROPROFILE_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalInt;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What Dropwizard users must get once the library integrates with Dropwizard (contract 6.6): one
 * dependency, {@code bootstrap.addBundle(new CorsBundle())}, a {@code cors:} block in the service's
 * YAML (with {@code ${VAR}} substitution), no MicroProfile Config. Not part of the matrix's default
 * run: {@code -Pphase2} runs it; {@code -Dcompat.dropwizard.prototype=true} runs it against the
 * prototype bundle in {@code compat/dropwizard}, which covers the {@code cors:} block only: with it
 * the first two checks pass, and {@link #refusalsKeepVary} and
 * {@link #jettyCrossOriginFilterIsRefusedAtStartup} still fail.
 */
class DropwizardPhase2 {

    private static final String NAME = "dropwizard-4-phase2";
    private static final boolean PROTOTYPE = Boolean.getBoolean("compat.dropwizard.prototype");
    private static final String CORS = """
            cors:
              allowed-origins: ${APP_ORIGIN}
              allowed-methods: [PUT]
              policy:
                partners:
                  allowed-origins: https://partner.example.net
            """;
    private static final Map<String, String> ENVIRONMENT = Map.of("APP_ORIGIN", APP);

    @Test
    void corsBlockInTheYamlWithoutMicroProfileConfig() {
        int port = Ports.free();
        try (ServerProcess server = start(NAME, DropwizardApp.yaml(port) + CORS, Map.of())) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            DropInChecks.assertDropIn(DropwizardApp.api(port), server::describe);
        }
    }

    @Test
    void configurationMistakeInTheYamlStopsTheStart() {
        String yaml = DropwizardApp.yaml(Ports.free()) + CORS;
        try (ServerProcess server = start(NAME + "-bad-config", yaml, Map.of(), Map.of("APP_ORIGIN", Modules.BAD_ORIGIN))) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the service stops" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
        }
    }

    /** Contract 4: {@code Vary} on every response that depends on the origin, refusals included. */
    @Test
    void refusalsKeepVary() {
        int port = Ports.free();
        try (ServerProcess server = start(NAME + "-refusals", DropwizardApp.yaml(port) + CORS, Map.of())) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            URI api = DropwizardApp.api(port);
            SoftAssertions softly = new SoftAssertions();
            HttpResponse<String> refused = DropInChecks.get(api.resolve("items"), FOREIGN);
            softly.assertThat(refused.statusCode()).isEqualTo(403);
            softly.assertThat(header(refused, "Vary")).as("Vary of the refused GET").hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));
            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), FOREIGN, "PUT");
            softly.assertThat(preflight.statusCode()).isEqualTo(403);
            softly.assertThat(header(preflight, "Vary")).as("Vary of the refused preflight")
                    .hasValueSatisfying(vary -> assertThat(vary).contains("Origin", "Access-Control-Request-Method"));
            if (!softly.wasSuccess()) {
                softly.fail(server.describe());
            }
            softly.assertAll();
        }
    }

    /** Jetty's CrossOriginFilter beside the library would widen the policy: the service must not start. */
    @Test
    void jettyCrossOriginFilterIsRefusedAtStartup() {
        int port = Ports.free();
        try (ServerProcess server = start(NAME + "-cross-origin-filter", DropwizardApp.yaml(port) + CORS,
                Map.of("compat.jetty-cross-origin-filter", "true"))) {
            server.awaitOutput(PlainJvm.START, DropwizardApp.ready(port), "Unable to start server");
            assertThat(server.output()).as("the service must not serve" + server.describe()).doesNotContain(DropwizardApp.ready(port));
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the service stops" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(server.output()).contains("CrossOriginFilter");
        }
    }

    private static ServerProcess start(String name, String yaml, Map<String, String> systemProperties) {
        return start(name, yaml, systemProperties, ENVIRONMENT);
    }

    private static ServerProcess start(String name, String yaml, Map<String, String> systemProperties, Map<String, String> environment) {
        Map<String, String> properties = new java.util.HashMap<>(systemProperties);
        if (PROTOTYPE) {
            properties.put("compat.prototype", "true");
        }
        return DropwizardApp.start(name, yaml, MICROPROFILE_CONFIG, properties, environment);
    }
}
