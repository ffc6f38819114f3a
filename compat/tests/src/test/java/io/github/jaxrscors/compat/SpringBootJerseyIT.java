package io.github.jaxrscors.compat;

import static io.github.jaxrscors.compat.DropInChecks.ADMIN;
import static io.github.jaxrscors.compat.DropInChecks.APP;
import static io.github.jaxrscors.compat.DropInChecks.header;
import static io.github.jaxrscors.compat.SpringBootApp.LIBRARY;
import static io.github.jaxrscors.compat.SpringBootApp.MICROPROFILE_CONFIG;
import static io.github.jaxrscors.compat.SpringBootApp.SECURITY;
import static io.github.jaxrscors.compat.SpringBootApp.SPRING_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalInt;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Spring Boot 4.0 with {@code spring-boot-starter-jersey} (Jersey 4, Tomcat 11), as the library is
 * today: it reads its policy through MicroProfile Config, so the application carries
 * {@code smallrye-config} and {@code META-INF/microprofile-config.properties}. The application sets
 * {@code spring.jersey.servlet.load-on-startup=1}. Beside it, Spring's own CORS support and Spring
 * Security, as they behave today; what they must do once the library integrates with Spring is in
 * {@link SpringBootJerseyPhase2}.
 */
class SpringBootJerseyIT {

    private static final String NAME = "spring-boot-4-jersey";

    @Test
    void dropIn() {
        int port = Ports.free();
        int plainPort = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME, port, SECURITY, Modules.tempDir(NAME), Map.of(), Map.of());
                ServerProcess plain = SpringBootApp.start(NAME + "-without-library", plainPort, SECURITY.or(LIBRARY),
                        Modules.tempDir(NAME), Map.of(), Map.of())) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            plain.awaitReady(PlainJvm.START, SpringBootApp.ready(plainPort));
            DropInChecks.assertDropIn(SpringBootApp.api(port), server::describe);
            UnmappedException.assertReadable(NAME, new UnmappedException.Deployment(SpringBootApp.api(port), server, null),
                    new UnmappedException.Deployment(SpringBootApp.api(plainPort), plain, null));
        }
    }

    /** With Jersey's servlet loaded on startup, Spring Boot stops: "Application run failed", exit status 1. */
    @Test
    void configurationMistakeStopsTheStart() {
        try (ServerProcess server = SpringBootApp.start(NAME + "-bad-config", Ports.free(), SECURITY, Modules.tempDir(NAME), Map.of(),
                Map.of("cors.allowed-origins", Modules.BAD_ORIGIN))) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the application stops instead of serving" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).as("exit status" + server.describe()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
            assertThat(server.output()).contains("Application run failed");
        }
    }

    /**
     * Spring Boot's default ({@code spring.jersey.servlet.load-on-startup=-1}) starts Jersey at the
     * first request: the application starts, and the mistake shows as a 500 only then. Tomcat tries
     * the servlet again on the next request, and Jersey then hides the cause behind
     * "The resource configuration is not modifiable in this context".
     */
    @Test
    void lazyJerseyServletShowsTheMistakeAtTheFirstRequestOnly() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME + "-bad-config-lazy", port, SECURITY, Modules.tempDir(NAME), Map.of(),
                Map.of("cors.allowed-origins", Modules.BAD_ORIGIN), "--spring.jersey.servlet.load-on-startup=-1")) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            assertThat(server.output()).as("nothing said at startup").doesNotContain("Invalid CORS configuration");

            HttpResponse<String> first = DropInChecks.get(SpringBootApp.api(port).resolve("items"), APP);
            assertThat(first.statusCode()).as("first request" + server.describe()).isEqualTo(500);
            assertThat(header(first, "Access-Control-Allow-Origin")).isEmpty();
            assertThat(server.awaitOutput(java.time.Duration.ofSeconds(10), "Invalid CORS configuration")).isTrue();
            DropInChecks.assertLibraryMessage(server.output());

            assertThat(DropInChecks.get(SpringBootApp.api(port).resolve("items"), APP).statusCode()).as("second request").isEqualTo(500);
            assertThat(server.awaitOutput(java.time.Duration.ofSeconds(10), "The resource configuration is not modifiable in this context"))
                    .as("Jersey's second attempt" + server.describe()).isTrue();
        }
    }

    /** Today the library reads only MicroProfile Config: without it, it names the fix and the application does not start. */
    @Test
    void withoutMicroProfileConfigTheApplicationDoesNotStart() {
        try (ServerProcess server = SpringBootApp.start(NAME + "-without-microprofile-config", Ports.free(), SECURITY.or(MICROPROFILE_CONFIG),
                Modules.tempDir(NAME), Map.of(), Map.of())) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the application stops" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(server.output()).contains("no MicroProfile Config implementation is on the classpath",
                    "java.lang.NoClassDefFoundError: org/eclipse/microprofile/config/ConfigProvider");
        }
    }

    /**
     * Spring's {@code CorsFilter}, registered first as Spring's documentation shows, answers every
     * preflight itself with its own policy: the library never sees them, so {@code @Cors} is ignored
     * for preflights, and the status and headers are Spring's (200, no {@code Access-Control-Max-Age}).
     * On actual requests both decide, and Spring's {@code Access-Control-Allow-Origin} stays on the
     * library's refusal: the two must not be used together.
     */
    @Test
    void springCorsFilterTakesOverPreflights() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME + "-spring-cors-filter", port, SECURITY, Modules.tempDir(NAME), Map.of(), Map.of(),
                "--compat.spring-cors=filter")) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            assertSpringCorsInFront(SpringBootApp.api(port), server, "GET");
        }
    }

    /** Spring Security without {@code cors()}: a preflight carries no credentials, so Security refuses it (401), and its 401s carry no CORS headers. */
    @Test
    void springSecurityRefusesPreflightsToday() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME + "-security", port, Modules.NOTHING, Modules.tempDir(NAME), Map.of(), Map.of())) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            URI api = SpringBootApp.api(port);
            SoftAssertions softly = new SoftAssertions();
            HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), APP, "PUT");
            softly.assertThat(preflight.statusCode()).as("preflight").isEqualTo(401);
            softly.assertThat(header(preflight, "Access-Control-Allow-Origin")).as("preflight: ACAO").isEmpty();
            HttpResponse<String> anonymous = DropInChecks.get(api.resolve("items"), APP);
            softly.assertThat(anonymous.statusCode()).as("unauthenticated GET").isEqualTo(401);
            softly.assertThat(header(anonymous, "Access-Control-Allow-Origin")).as("unauthenticated GET: ACAO").isEmpty();
            HttpResponse<String> authenticated = SpringBootApp.authenticatedGet(api.resolve("items"), APP);
            softly.assertThat(authenticated.statusCode()).as("authenticated GET").isEqualTo(200);
            softly.assertThat(header(authenticated, "Access-Control-Allow-Origin")).as("authenticated GET: the library's ACAO").contains(APP);
            softly.assertThat(SpringBootApp.authenticatedGet(api.resolve("items"), DropInChecks.FOREIGN).statusCode())
                    .as("authenticated foreign GET: the library's refusal").isEqualTo(403);
            if (!softly.wasSuccess()) {
                softly.fail(server.describe());
            }
            softly.assertAll();
        }
    }

    /**
     * Spring Security with {@code http.cors(...)} and a {@code CorsConfigurationSource}: Spring's
     * {@code CorsFilter} inside the security chain answers preflights (as the plain filter does) and
     * puts its headers on Security's 401, not the library's.
     */
    @Test
    void springSecurityCorsTakesOverPreflights() {
        int port = Ports.free();
        try (ServerProcess server = SpringBootApp.start(NAME + "-security-cors", port, Modules.NOTHING, Modules.tempDir(NAME), Map.of(), Map.of(),
                "--compat.security.cors=true", "--compat.spring-cors=source")) {
            server.awaitReady(PlainJvm.START, SpringBootApp.ready(port));
            URI api = SpringBootApp.api(port);
            assertSpringCorsInFront(api, server, "authenticated GET");
            HttpResponse<String> anonymous = DropInChecks.get(api.resolve("items"), APP);
            assertThat(anonymous.statusCode()).as("unauthenticated GET" + server.describe()).isEqualTo(401);
            assertThat(anonymous.headers().allValues("Vary")).as("Spring's Vary on the 401")
                    .containsExactly("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
            assertThat(header(anonymous, "Access-Control-Allow-Origin")).as("Spring's ACAO on the 401").contains(APP);
        }
    }

    private static void assertSpringCorsInFront(URI api, ServerProcess server, String actual) {
        SoftAssertions softly = new SoftAssertions();
        HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), APP, "PUT");
        softly.assertThat(preflight.statusCode()).as("allowed preflight: Spring's status, not the library's 204").isEqualTo(200);
        softly.assertThat(header(preflight, "Access-Control-Max-Age")).as("allowed preflight: no max-age, the library sends 86400").isEmpty();
        softly.assertThat(header(preflight, "Access-Control-Allow-Methods")).as("allowed preflight: Spring's list")
                .contains("GET,HEAD,POST,PUT");

        HttpResponse<String> admin = DropInChecks.preflight(api.resolve("admin/1"), ADMIN, "PUT");
        softly.assertThat(admin.statusCode()).as("@Cors origin on its resource: refused by Spring").isEqualTo(403);
        softly.assertThat(admin.body()).as("Spring's refusal").isEqualTo("Invalid CORS request");

        HttpResponse<String> springOnly = DropInChecks.preflight(api.resolve("items/1"), SPRING_ONLY, "PUT");
        softly.assertThat(springOnly.statusCode()).as("preflight from an origin only Spring allows").isEqualTo(200);
        softly.assertThat(header(springOnly, "Access-Control-Allow-Origin")).contains(SPRING_ONLY);

        HttpResponse<String> refused = SpringBootApp.authenticatedGet(api.resolve("items"), SPRING_ONLY);
        softly.assertThat(refused.statusCode()).as(actual + " from an origin only Spring allows: the library refuses").isEqualTo(403);
        softly.assertThat(header(refused, "Access-Control-Allow-Origin")).as("... with Spring's ACAO on the refusal").contains(SPRING_ONLY);

        HttpResponse<String> allowed = SpringBootApp.authenticatedGet(api.resolve("items"), APP);
        softly.assertThat(allowed.statusCode()).as(actual + " from the application's origin").isEqualTo(200);
        softly.assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).as("one ACAO: Jersey sets over Spring's").containsExactly(APP);
        if (!softly.wasSuccess()) {
            softly.fail(server.describe());
        }
        softly.assertAll();
    }
}
