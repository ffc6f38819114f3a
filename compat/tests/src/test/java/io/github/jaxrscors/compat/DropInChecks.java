package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;

/**
 * What a browser would see from the application on any runtime, given its one configuration:
 * {@code https://app.example.com} with PUT by default, {@code https://admin.example.com} alone on
 * {@code /admin} ({@code @Cors(origins)}), {@code https://partner.example.net} on {@code /partners}
 * (the named policy). Every check runs and every failure is reported together, with the server's output.
 */
final class DropInChecks {

    static final String APP = "https://app.example.com";
    static final String ADMIN = "https://admin.example.com";
    static final String PARTNER = "https://partner.example.net";
    static final String FOREIGN = "https://evil.example.net";

    private DropInChecks() {
    }

    /** {@code api} is the application's base, ending in {@code /}: {@code http://127.0.0.1:P/ctx/api/}. */
    static void assertDropIn(URI api, Supplier<String> serverOutput) {
        SoftAssertions softly = new SoftAssertions();

        HttpResponse<String> preflight = preflight(api.resolve("items/1"), APP, "PUT");
        softly.assertThat(preflight.statusCode()).as("allowed preflight: status").isEqualTo(204);
        softly.assertThat(header(preflight, "Access-Control-Allow-Origin")).as("allowed preflight: ACAO").contains(APP);
        softly.assertThat(header(preflight, "Access-Control-Allow-Methods")).as("allowed preflight: ACAM")
                .hasValueSatisfying(methods -> assertThat(methods).contains("PUT"));
        softly.assertThat(header(preflight, "Vary")).as("allowed preflight: Vary")
                .hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));

        HttpResponse<String> get = get(api.resolve("items"), APP);
        softly.assertThat(get.statusCode()).as("allowed GET: status").isEqualTo(200);
        softly.assertThat(get.body()).as("allowed GET: body").isEqualTo("items");
        softly.assertThat(header(get, "Access-Control-Allow-Origin")).as("allowed GET: ACAO").contains(APP);
        softly.assertThat(header(get, "Vary")).as("allowed GET: Vary")
                .hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));

        expectRefused(softly, "foreign GET", get(api.resolve("items"), FOREIGN));
        expectRefused(softly, "foreign preflight", preflight(api.resolve("items/1"), FOREIGN, "PUT"));
        expectRefused(softly, "preflight for a method not allowed", preflight(api.resolve("items/1"), APP, "DELETE"));

        HttpResponse<String> admin = get(api.resolve("admin"), ADMIN);
        softly.assertThat(admin.statusCode()).as("@Cors origin on its resource: status").isEqualTo(200);
        softly.assertThat(header(admin, "Access-Control-Allow-Origin")).as("@Cors origin on its resource: ACAO").contains(ADMIN);
        HttpResponse<String> adminPreflight = preflight(api.resolve("admin/1"), ADMIN, "PUT");
        softly.assertThat(adminPreflight.statusCode()).as("@Cors origin preflight on its resource: status").isEqualTo(204);
        softly.assertThat(header(adminPreflight, "Access-Control-Allow-Origin")).as("@Cors origin preflight: ACAO").contains(ADMIN);
        expectRefused(softly, "@Cors origin elsewhere (GET)", get(api.resolve("items"), ADMIN));
        expectRefused(softly, "@Cors origin elsewhere (preflight)", preflight(api.resolve("items/1"), ADMIN, "PUT"));
        expectRefused(softly, "default origin on the @Cors resource (GET)", get(api.resolve("admin"), APP));
        expectRefused(softly, "default origin on the @Cors resource (preflight)", preflight(api.resolve("admin/1"), APP, "PUT"));

        HttpResponse<String> partners = get(api.resolve("partners"), PARTNER);
        softly.assertThat(partners.statusCode()).as("named policy origin: status").isEqualTo(200);
        softly.assertThat(header(partners, "Access-Control-Allow-Origin")).as("named policy origin: ACAO").contains(PARTNER);
        expectRefused(softly, "default origin on the named-policy resource", get(api.resolve("partners"), APP));

        if (!softly.wasSuccess()) {
            softly.fail("the server's output follows" + serverOutput.get());
        }
        softly.assertAll();
    }

    private static void expectRefused(SoftAssertions softly, String what, HttpResponse<String> response) {
        softly.assertThat(response.statusCode()).as(what + ": status").isEqualTo(403);
        softly.assertThat(header(response, "Access-Control-Allow-Origin")).as(what + ": no ACAO").isEmpty();
    }

    static HttpResponse<String> get(URI uri, String origin) {
        return Http.send("GET", uri, Map.of("Origin", origin));
    }

    static HttpResponse<String> preflight(URI uri, String origin, String method) {
        return Http.send("OPTIONS", uri, Map.of("Origin", origin, "Access-Control-Request-Method", method));
    }

    static Optional<String> header(HttpResponse<?> response, String name) {
        List<String> values = response.headers().allValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** The library's own words for the configuration mistake every runtime is given. */
    static void assertLibraryMessage(String output) {
        assertThat(output).as("the server's output names the mistake in the library's words")
                .contains("Invalid CORS configuration", "cors.allowed-origins", "'" + Modules.BAD_ORIGIN + "' has a trailing slash");
    }
}
