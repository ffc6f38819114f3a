package io.github.jaxrscors.compat;

import static io.github.jaxrscors.compat.DropInChecks.ADMIN;
import static io.github.jaxrscors.compat.DropInChecks.APP;
import static io.github.jaxrscors.compat.DropInChecks.FOREIGN;
import static io.github.jaxrscors.compat.DropInChecks.header;
import static io.github.jaxrscors.compat.DropwizardApp.JETTY_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalInt;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Dropwizard 4.0 (Jersey 3.0 = Jakarta REST 3.0, Jetty 11), as the library is today: it reads its
 * policy through MicroProfile Config, so the service carries {@code smallrye-config} and
 * {@code META-INF/microprofile-config.properties}. What it must do once the library integrates with
 * Dropwizard is in {@link DropwizardPhase2}.
 */
class DropwizardIT {

    private static final String NAME = "dropwizard-4";

    /**
     * The drop-in checks, and the 500 of a failing resource against the same service without the
     * library: Dropwizard's own {@code LoggingExceptionMapper} maps every exception to a JSON 500,
     * which passes the response filters.
     */
    @Test
    void dropIn() {
        int port = Ports.free();
        int plainPort = Ports.free();
        try (ServerProcess server = DropwizardApp.start(NAME, DropwizardApp.yaml(port), Modules.NOTHING, Map.of(), Map.of());
                ServerProcess plain = DropwizardApp.start(NAME + "-without-library", DropwizardApp.yaml(plainPort),
                        jar -> jar.startsWith("jaxrs-cors"), Map.of(), Map.of())) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            plain.awaitReady(PlainJvm.START, DropwizardApp.ready(plainPort));
            DropInChecks.assertDropIn(DropwizardApp.api(port), server::describe);
            UnmappedException.assertReadable(NAME, new UnmappedException.Deployment(DropwizardApp.api(port), server, null),
                    new UnmappedException.Deployment(DropwizardApp.api(plainPort), plain, null));
        }
    }

    /** Jersey's servlet starts with Jetty: the mistake stops the start ("Unable to start server, shutting down"). */
    @Test
    void configurationMistakeStopsTheStart() {
        try (ServerProcess server = DropwizardApp.start(NAME + "-bad-config", DropwizardApp.yaml(Ports.free()), Modules.NOTHING,
                Map.of("cors.allowed-origins", Modules.BAD_ORIGIN), Map.of())) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the service stops instead of serving" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).as("exit status" + server.describe()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
            assertThat(server.output()).contains("Unable to start server, shutting down");
        }
    }

    /** Dropwizard binds the whole YAML to the application's {@code Configuration} class, which has no {@code cors} field. */
    @Test
    void corsBlockInTheYamlIsRefusedToday() {
        String yaml = DropwizardApp.yaml(Ports.free()) + "cors:\n  allowed-origins: https://app.example.com\n";
        try (ServerProcess server = DropwizardApp.start(NAME + "-cors-block", yaml, Modules.NOTHING, Map.of(), Map.of())) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("Dropwizard refuses the configuration" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(server.output()).contains("Unrecognized field at: cors");
        }
    }

    /**
     * Jersey's servlet answers an error status without an entity with {@code sendError}, unless
     * {@code jersey.config.server.response.setStatusOverSendError} is set; Jetty 11 then removes the
     * content headers, {@code Vary} among them ({@code Response.resetContent}), and writes its HTML
     * error page for GET, HEAD and POST. So the library's refusals lose their {@code Vary} today,
     * contrary to the contract (see {@link DropwizardPhase2#refusalsKeepVary}).
     */
    @Test
    void refusalsBecomeJettysErrorPageWithoutVaryToday() {
        int port = Ports.free();
        try (ServerProcess server = DropwizardApp.start(NAME + "-refusals", DropwizardApp.yaml(port), Modules.NOTHING, Map.of(), Map.of())) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            URI api = DropwizardApp.api(port);
            SoftAssertions softly = new SoftAssertions();
            HttpResponse<String> refused = DropInChecks.get(api.resolve("items"), FOREIGN);
            softly.assertThat(refused.statusCode()).isEqualTo(403);
            softly.assertThat(header(refused, "Content-Type")).as("Jetty's page").hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            softly.assertThat(refused.body()).contains("<title>Error 403 Forbidden</title>");
            softly.assertThat(header(refused, "Vary")).as("Vary of the refused GET").isEmpty();
            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), FOREIGN, "PUT");
            softly.assertThat(preflight.statusCode()).isEqualTo(403);
            softly.assertThat(header(preflight, "Vary")).as("Vary of the refused preflight").isEmpty();
            HttpResponse<String> allowed = DropInChecks.get(api.resolve("items"), APP);
            softly.assertThat(header(allowed, "Vary")).as("Vary of an allowed GET, which Jersey writes itself")
                    .hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));
            if (!softly.wasSuccess()) {
                softly.fail(server.describe());
            }
            softly.assertAll();
        }
    }

    /**
     * Jetty's {@code CrossOriginFilter} (Jetty 11) registered beside the library, with its defaults:
     * it runs first and adds its headers to every request from an origin it allows, and passes
     * preflights on ({@code chainPreflight=true}). The library's answers then carry
     * {@code Access-Control-Allow-Credentials: true} that its policy never allowed (a wider policy),
     * and its refusals carry Jetty's {@code Access-Control-Allow-Origin}.
     */
    @Test
    void jettyCrossOriginFilterWidensThePolicyToday() {
        int port = Ports.free();
        try (ServerProcess server = DropwizardApp.start(NAME + "-cross-origin-filter", DropwizardApp.yaml(port), Modules.NOTHING,
                Map.of("compat.jetty-cross-origin-filter", "true"), Map.of())) {
            server.awaitReady(PlainJvm.START, DropwizardApp.ready(port));
            URI api = DropwizardApp.api(port);
            SoftAssertions softly = new SoftAssertions();
            HttpResponse<String> allowed = DropInChecks.get(api.resolve("items"), APP);
            softly.assertThat(allowed.statusCode()).isEqualTo(200);
            softly.assertThat(header(allowed, "Access-Control-Allow-Credentials")).as("credentials the policy never allowed").contains("true");
            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), APP, "PUT");
            softly.assertThat(preflight.statusCode()).as("the library still answers the preflight").isEqualTo(204);
            softly.assertThat(header(preflight, "Access-Control-Allow-Credentials")).contains("true");
            HttpResponse<String> refused = DropInChecks.get(api.resolve("admin"), APP);
            softly.assertThat(refused.statusCode()).as("the library refuses the default origin on the @Cors resource").isEqualTo(403);
            softly.assertThat(header(refused, "Access-Control-Allow-Origin")).as("... and Jetty's ACAO stays on the refusal").contains(APP);
            HttpResponse<String> jettyOnly = DropInChecks.get(api.resolve("items"), JETTY_ONLY);
            softly.assertThat(jettyOnly.statusCode()).as("an origin only Jetty allows: the library refuses").isEqualTo(403);
            softly.assertThat(header(jettyOnly, "Access-Control-Allow-Origin")).contains(JETTY_ONLY);
            softly.assertThat(DropInChecks.get(api.resolve("admin"), ADMIN).statusCode()).as("@Cors still applies").isEqualTo(200);
            if (!softly.wasSuccess()) {
                softly.fail(server.describe());
            }
            softly.assertAll();
        }
    }
}
