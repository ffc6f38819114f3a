package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.Reply;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a drop-in deployment with {@code src-it/config/dropin} must answer, whatever the Jakarta REST
 * runtime: one table, asserted against Jersey and RESTEasy alike.
 */
final class DropInScenarios {

    static final String APP = "https://app.example.com";
    static final String SHOP = "https://shop.example.org";
    static final String APEX = "https://example.org";
    static final String EVIL = "https://evil.example";
    static final String PARTNER = "https://partner.example";

    /** {@code headers} alternate name and value. */
    record Request(String method, String path, List<String> headers) {

        static Request of(String method, String path, String... headers) {
            return new Request(method, path, List.of(headers));
        }

        static Request preflight(String origin, String path, String method, String requestHeaders) {
            return requestHeaders == null
                    ? of("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", method)
                    : of("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", method,
                            "Access-Control-Request-Headers", requestHeaders);
        }

        Reply sendTo(ForkedJvm server) {
            return server.send(method, path, headers.toArray(String[]::new));
        }
    }

    /** A header the response must carry: exactly {@code value}, every comma-separated token of {@code value}, or absent when {@code value} is null. */
    record HeaderCheck(String name, String value, boolean exact) {

        static HeaderCheck is(String name, String value) {
            return new HeaderCheck(name, value, true);
        }

        static HeaderCheck lists(String name, String tokens) {
            return new HeaderCheck(name, tokens, false);
        }

        static HeaderCheck absent(String name) {
            return new HeaderCheck(name, null, true);
        }

        void verify(Reply response) {
            List<String> values = response.all(name);
            if (value == null) {
                assertThat(values).as("%s absent", name).isEmpty();
            } else if (exact) {
                assertThat(values).as(name).containsExactly(value);
            } else {
                List<String> tokens = values.stream().flatMap(v -> Arrays.stream(v.split(",")))
                        .map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
                assertThat(tokens).as("%s tokens", name)
                        .containsAll(Arrays.stream(value.split(",")).map(t -> t.trim().toLowerCase(Locale.ROOT)).toList());
            }
        }
    }

    record Expected(int status, Optional<String> body, List<HeaderCheck> headers) {

        static Expected status(int status, HeaderCheck... headers) {
            return new Expected(status, Optional.empty(), List.of(headers));
        }

        static Expected body(int status, String body, HeaderCheck... headers) {
            return new Expected(status, Optional.of(body), List.of(headers));
        }

        void verify(Reply response) {
            assertThat(response.status()).as("status (body: %s)", response.body()).isEqualTo(status);
            body.ifPresent(b -> assertThat(response.body()).as("body").isEqualTo(b));
            headers.forEach(h -> h.verify(response));
        }
    }

    record Scenario(String description, Request request, Expected expected) {

        @Override
        public String toString() {
            return description;
        }
    }

    private static final String ACAO = "Access-Control-Allow-Origin";
    private static final String ACAM = "Access-Control-Allow-Methods";
    private static final String ACAH = "Access-Control-Allow-Headers";
    private static final String ACMA = "Access-Control-Max-Age";
    private static final String ACEH = "Access-Control-Expose-Headers";
    private static final String ACAC = "Access-Control-Allow-Credentials";
    private static final String VARY = "Vary";

    static List<Scenario> all() {
        return List.of(
                new Scenario("preflight for PUT with configured headers is answered from config",
                        Request.preflight(APP, "api/items/7", "PUT", "content-type, x-request-id"),
                        Expected.body(204, "", HeaderCheck.is(ACAO, APP), HeaderCheck.lists(ACAM, "PUT"),
                                HeaderCheck.lists(ACAH, "content-type, x-request-id"), HeaderCheck.is(ACMA, "600"),
                                HeaderCheck.absent(ACAC),
                                HeaderCheck.lists(VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"))),
                new Scenario("preflight from a subdomain wildcard origin echoes that origin",
                        Request.preflight(SHOP, "api/items/7", "DELETE", null),
                        Expected.status(204, HeaderCheck.is(ACAO, SHOP), HeaderCheck.lists(ACAM, "DELETE"))),
                new Scenario("preflight from the wildcard's apex is refused",
                        Request.preflight(APEX, "api/items/7", "PUT", null),
                        Expected.status(403, HeaderCheck.absent(ACAO), HeaderCheck.absent(ACAM))),
                new Scenario("preflight asking for an unlisted header is refused",
                        Request.preflight(APP, "api/items/7", "PUT", "x-other"),
                        Expected.status(403, HeaderCheck.absent(ACAO), HeaderCheck.absent(ACAH))),
                new Scenario("preflight asking for an unlisted method is refused",
                        Request.preflight(APP, "api/items/7", "PATCH", null),
                        Expected.status(403, HeaderCheck.absent(ACAO))),
                new Scenario("preflight to a path no resource serves is answered by the default policy",
                        Request.preflight(APP, "api/nowhere", "PUT", null),
                        Expected.status(204, HeaderCheck.is(ACAO, APP))),
                new Scenario("preflight is answered before the authentication filter",
                        Request.preflight(APP, "api/secure", "GET", null),
                        Expected.status(204, HeaderCheck.is(ACAO, APP))),
                new Scenario("allowed GET reaches the resource and exposes the configured header",
                        Request.of("GET", "api/items", "Origin", APP),
                        Expected.body(200, "items", HeaderCheck.is(ACAO, APP), HeaderCheck.is(ACEH, "X-Total-Count"),
                                HeaderCheck.lists(VARY, "Origin"))),
                new Scenario("GET from a disallowed origin is refused without reaching the resource",
                        Request.of("GET", "api/items", "Origin", EVIL),
                        Expected.status(403, HeaderCheck.absent(ACAO), HeaderCheck.absent(ACEH))),
                new Scenario("GET without Origin passes untouched but varies by Origin",
                        Request.of("GET", "api/items"),
                        Expected.body(200, "items", HeaderCheck.absent(ACAO), HeaderCheck.lists(VARY, "Origin"))),
                new Scenario("authentication failure carries CORS headers for an allowed origin",
                        Request.of("GET", "api/secure", "Origin", APP),
                        Expected.body(401, "sign in first", HeaderCheck.is(ACAO, APP), HeaderCheck.is(ACEH, "X-Total-Count"))),
                new Scenario("@Cors(\"public\"): the named policy from config allows any origin",
                        Request.of("GET", "api/public", "Origin", EVIL),
                        Expected.body(200, "public", HeaderCheck.is(ACAO, "*"))),
                new Scenario("@Cors(\"public\"): preflight inherits the default policy's methods",
                        Request.preflight(EVIL, "api/public", "PUT", "content-type"),
                        Expected.status(204, HeaderCheck.is(ACAO, "*"), HeaderCheck.lists(ACAM, "PUT"), HeaderCheck.is(ACMA, "600"))),
                new Scenario("class @Cors replaces the origins",
                        Request.preflight(PARTNER, "api/partner", "PATCH", null),
                        Expected.status(204, HeaderCheck.is(ACAO, PARTNER), HeaderCheck.lists(ACAM, "PATCH"), HeaderCheck.is(ACMA, "60"))),
                new Scenario("class @Cors origins replace the default ones rather than adding to them",
                        Request.of("GET", "api/partner", "Origin", APP),
                        Expected.status(403, HeaderCheck.absent(ACAO))),
                new Scenario("method @Cors sets the headers of its own method",
                        Request.preflight(PARTNER, "api/partner", "PATCH", "x-partner-key"),
                        Expected.status(204, HeaderCheck.is(ACAO, PARTNER), HeaderCheck.lists(ACAH, "x-partner-key"))),
                new Scenario("method @Cors headers replace the default ones",
                        Request.preflight(PARTNER, "api/partner", "PATCH", "x-request-id"),
                        Expected.status(403, HeaderCheck.absent(ACAO))),
                new Scenario("the GET beside it keeps the class policy's headers and origins",
                        Request.of("GET", "api/partner", "Origin", PARTNER),
                        Expected.body(200, "partner", HeaderCheck.is(ACAO, PARTNER))),
                new Scenario("@Cors(enabled = false) leaves the resource alone, even for a foreign origin",
                        Request.of("GET", "api/internal", "Origin", EVIL),
                        Expected.body(200, "internal", HeaderCheck.absent(ACAO))));
    }

    private DropInScenarios() {
    }
}
