package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour Ktor's CORS plugin documents, with the builder methods that mirror it, over real
 * HTTP: a Ktor user moving to Jakarta REST should find the same answers.
 */
class KtorBehaviourTest {

    private static final Map<String, TestServer> APPS = new HashMap<>();

    private static synchronized TestServer app(String name, CorsPolicy.Builder policy) {
        return APPS.computeIfAbsent(name, n -> TestServer.start(new ResourceConfig()
                .register(new CorsHttpTest.Items(new AtomicInteger())), policy.build()));
    }

    @AfterAll
    static void stop() {
        APPS.values().forEach(TestServer::close);
        APPS.clear();
    }

    private static Reply get(TestServer app, String origin) {
        return app.send("GET", "items", "Origin", origin);
    }

    private static Reply preflight(TestServer app, String origin, String method, String headers) {
        return headers == null
                ? app.send("OPTIONS", "items", "Origin", origin, "Access-Control-Request-Method", method)
                : app.send("OPTIONS", "items", "Origin", origin, "Access-Control-Request-Method", method,
                        "Access-Control-Request-Headers", headers);
    }

    record Host(String description, String origin, boolean allowed) {
        @Override
        public String toString() {
            return description + ": " + origin;
        }
    }

    /** Ktor: {@code allowHost("client-host:8081")} — http and https, that port only. */
    static Stream<Host> hostWithPort() {
        return Stream.of(
                new Host("http with the port", "http://client-host:8081", true),
                new Host("https with the port", "https://client-host:8081", true),
                new Host("without the port", "http://client-host", false),
                new Host("another port", "http://client-host:8082", false),
                new Host("a subdomain", "http://en.client-host:8081", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostWithPort")
    void allowHostWithPort(Host row) {
        assertAllowed(app("host-port", CorsPolicy.builder().allowHost("client-host:8081")), row);
    }

    /** Ktor: {@code allowHost("client-host", schemes = listOf("https"))}. */
    static Stream<Host> hostWithSchemes() {
        return Stream.of(
                new Host("the listed scheme", "https://client-host", true),
                new Host("the listed scheme, default port", "https://client-host:443", true),
                new Host("http is not listed", "http://client-host", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostWithSchemes")
    void allowHostWithSchemes(Host row) {
        assertAllowed(app("host-schemes", CorsPolicy.builder().allowHost("client-host", List.of("https"))), row);
    }

    /** Ktor: {@code allowHost("client-host", subDomains = listOf("en", "de", "es"))}. */
    static Stream<Host> hostWithSubDomains() {
        return Stream.of(
                new Host("the host itself", "http://client-host", true),
                new Host("a listed subdomain", "http://en.client-host", true),
                new Host("another listed subdomain over https", "https://de.client-host", true),
                new Host("a subdomain not listed", "http://fr.client-host", false),
                new Host("a listed subdomain one level deeper", "http://x.en.client-host", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostWithSubDomains")
    void allowHostWithSubDomains(Host row) {
        assertAllowed(app("host-subdomains", CorsPolicy.builder()
                .allowHost("client-host", List.of("http", "https"), List.of("en", "de", "es"))), row);
    }

    /** Beyond Ktor's list of subdomains: {@code *.} in front of the host. */
    static Stream<Host> hostWithWildcard() {
        return Stream.of(
                new Host("any subdomain", "https://a.client-host.example", true),
                new Host("a deeper subdomain", "https://a.b.client-host.example", true),
                new Host("never the host itself", "https://client-host.example", false),
                new Host("never a look-alike", "https://evilclient-host.example", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostWithWildcard")
    void allowHostWithWildcard(Host row) {
        assertAllowed(app("host-wildcard", CorsPolicy.builder().allowHost("*.client-host.example", List.of("https"))), row);
    }

    private static void assertAllowed(TestServer app, Host row) {
        Reply actual = get(app, row.origin());
        Reply preflight = preflight(app, row.origin(), "GET", null);

        if (row.allowed()) {
            assertThat(actual.status()).isEqualTo(200);
            assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo(row.origin());
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(row.origin());
        } else {
            assertThat(actual.status()).isEqualTo(403);
            assertThat(actual.corsHeaders()).isEmpty();
            assertThat(preflight.status()).isEqualTo(403);
            assertThat(preflight.corsHeaders()).isEmpty();
        }
    }

    @Test
    void anyHostAnswersAWildcardWithoutVary() {
        TestServer app = app("any-host", CorsPolicy.builder().allowAnyOrigin());

        Reply actual = get(app, "https://whoever.example");
        Reply preflight = preflight(app, "https://whoever.example", "POST", null);

        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(actual.all("Vary")).isEmpty();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void allowHostStarIsAnyHost() {
        TestServer app = app("host-star", CorsPolicy.builder().allowHost("*"));

        Reply actual = get(app, "https://whoever.example");

        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(actual.all("Vary")).isEmpty();
    }

    @Test
    void defaultMethodsAreGetPostAndHead() {
        TestServer app = app("defaults", CorsPolicy.builder().allowHost("client-host"));
        String origin = "https://client-host";

        for (String method : List.of("GET", "POST", "HEAD")) {
            Reply reply = preflight(app, origin, method, null);
            assertThat(reply.status()).as(method).isEqualTo(204);
            assertThat(reply.elements("Access-Control-Allow-Methods")).as(method).contains(method);
        }
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            assertThat(preflight(app, origin, method, null).status()).as(method).isEqualTo(403);
        }
        assertThat(app.send("DELETE", "items", "Origin", origin).status()).isEqualTo(403);
    }

    @Test
    void addedMethodsAreAllowedBesideTheDefaults() {
        TestServer app = app("methods", CorsPolicy.builder().allowHost("client-host").allowMethod("PUT").allowMethod("DELETE"));
        String origin = "https://client-host";

        Reply put = preflight(app, origin, "PUT", null);

        assertThat(put.status()).isEqualTo(204);
        assertThat(put.elements("Access-Control-Allow-Methods")).containsExactly("GET", "HEAD", "POST", "PUT", "DELETE");
        assertThat(preflight(app, origin, "DELETE", null).status()).isEqualTo(204);
        assertThat(preflight(app, origin, "GET", null).status()).isEqualTo(204);
        assertThat(preflight(app, origin, "PATCH", null).status()).isEqualTo(403);
        Reply delete = app.send("DELETE", "items", "Origin", origin);
        assertThat(delete.status()).isEqualTo(200);
        assertThat(delete.header("Access-Control-Allow-Origin")).isEqualTo(origin);
    }

    @Test
    void defaultHeadersAreAllowedWithoutConfiguration() {
        TestServer app = app("defaults", CorsPolicy.builder().allowHost("client-host"));

        Reply reply = preflight(app, "https://client-host", "GET", "Accept, Accept-Language, Content-Language");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.elements("Access-Control-Allow-Headers")).contains("accept", "accept-language", "content-language");
        assertThat(preflight(app, "https://client-host", "GET", "X-My-Header").status()).isEqualTo(403);
    }

    @Test
    void allowHeaderAllowsThatHeaderInAnyCase() {
        TestServer app = app("header", CorsPolicy.builder().allowHost("client-host").allowHeader("X-My-Header"));

        Reply reply = preflight(app, "https://client-host", "GET", "x-my-header");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.elements("Access-Control-Allow-Headers")).contains("x-my-header");
        assertThat(preflight(app, "https://client-host", "GET", "X-MY-HEADER").status()).isEqualTo(204);
        assertThat(preflight(app, "https://client-host", "GET", "X-Other-Header").status()).isEqualTo(403);
    }

    @Test
    void allowHeadersPrefixedAllowsEveryHeaderWithThePrefix() {
        TestServer app = app("prefixed", CorsPolicy.builder().allowHost("client-host").allowHeadersPrefixed("custom-"));

        Reply reply = preflight(app, "https://client-host", "GET", "Custom-One, custom-two");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.elements("Access-Control-Allow-Headers")).contains("custom-one", "custom-two");
        assertThat(preflight(app, "https://client-host", "GET", "x-custom-one").status()).isEqualTo(403);
    }

    @Test
    void allowCredentialsEchoesTheOriginWithCredentials() {
        // Ktor's allowHost covers http too; with credentials that is refused here unless opted in.
        assertThatThrownBy(() -> CorsPolicy.builder().allowHost("client-host").allowCredentials(true).build())
                .isInstanceOf(CorsConfigException.class)
                .hasMessageContaining("'http://client-host' is plain http, which cannot be combined with credentials");
        TestServer app = app("credentials", CorsPolicy.builder().allowHost("client-host").allowCredentials(true)
                .allowInsecureOrigins(true));

        Reply actual = get(app, "https://client-host");
        Reply preflight = preflight(app, "https://client-host", "POST", null);

        for (Reply reply : List.of(actual, preflight)) {
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("https://client-host");
            assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(reply.elements("Vary")).contains("Origin");
        }
    }

    @Test
    void withoutCredentialsNoCredentialsHeader() {
        Reply actual = get(app("defaults", CorsPolicy.builder().allowHost("client-host")), "https://client-host");

        assertThat(actual.all("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void maxAgeIsSentOnPreflightsOnly() {
        TestServer app = app("max-age", CorsPolicy.builder().allowHost("client-host").maxAge(Duration.ofSeconds(3600)));

        assertThat(preflight(app, "https://client-host", "GET", null).header("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(get(app, "https://client-host").all("Access-Control-Max-Age")).isEmpty();
    }

    @Test
    void exposeHeaderIsSentOnActualResponses() {
        TestServer app = app("expose", CorsPolicy.builder().allowHost("client-host").exposeHeader("X-Total-Count"));

        assertThat(get(app, "https://client-host").header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
    }

    @Test
    void nonSimpleContentTypesAreRefusedUntilContentTypeIsAllowed() {
        TestServer refusing = app("defaults", CorsPolicy.builder().allowHost("client-host"));
        TestServer byHeader = app("content-type", CorsPolicy.builder().allowHost("client-host").allowHeader("Content-Type"));
        TestServer byOption = app("non-simple", CorsPolicy.builder().allowHost("client-host").allowNonSimpleContentTypes(true));
        String origin = "https://client-host";

        assertThat(refusing.sendWithBody("POST", "items", "{}", "Origin", origin, "Content-Type", "application/json").status())
                .isEqualTo(403);
        assertThat(preflight(refusing, origin, "POST", "content-type").status()).isEqualTo(403);
        assertThat(refusing.sendWithBody("POST", "items", "x", "Origin", origin, "Content-Type", "text/plain").status())
                .isEqualTo(200);

        Reply json = byHeader.sendWithBody("POST", "items", "{}", "Origin", origin, "Content-Type", "application/json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(preflight(byHeader, origin, "POST", "content-type").status()).isEqualTo(204);

        assertThat(byOption.sendWithBody("POST", "items", "{}", "Origin", origin, "Content-Type", "application/json").status())
                .isEqualTo(200);
    }

    @Test
    void sameOriginRequestsAreUntouched() {
        TestServer app = app("defaults", CorsPolicy.builder().allowHost("client-host"));

        Reply reply = app.sendWithBody("POST", "items", "{}", "Origin", app.ownOrigin(), "Content-Type", "application/json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.corsHeaders()).isEmpty();
    }
}
