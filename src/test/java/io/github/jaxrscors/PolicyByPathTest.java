package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.deployment.Installation;
import io.github.jaxrscors.testing.CapturedLog;
import io.github.jaxrscors.testing.MutableConfigSource;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.TestServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code cors.policy.<name>.paths}: resources without {@code @Cors} take the policy whose pattern
 * covers their path, the longest pattern winning; {@code @Cors} on the method or the class still
 * wins; preflights to paths no resource serves take the matching pattern's policy, else the
 * default's. Every check is a request over HTTP.
 */
class PolicyByPathTest {

    private static final String APP = "https://app.example.com";
    private static final String PARTNER = "https://partner.example.org";
    private static final String VIP = "https://vip.partner.example.org";
    private static final String MONITOR = "https://status.example.net";

    private static final Map<String, String> CONFIG = Map.of(
            "cors.allowed-origins", APP,
            "cors.policy.partners.allowed-origins", PARTNER,
            "cors.policy.partners.paths", "/partners/*",
            "cors.policy.vip.allowed-origins", VIP,
            "cors.policy.vip.paths", "/partners/vip/*",
            "cors.policy.monitor.allowed-origins", MONITOR,
            "cors.policy.monitor.paths", "/health");

    @Path("partners")
    public static class Partners {
        @GET
        public String list() {
            return "partners";
        }

        @GET
        @Path("{id}")
        public String get(@PathParam("id") String id) {
            return "partner " + id;
        }

        @GET
        @Path("vip/{id}")
        public String vip(@PathParam("id") String id) {
            return "vip " + id;
        }

        @GET
        @Path("annotated")
        @Cors(origins = "https://annotated.example")
        public String annotated() {
            return "annotated";
        }
    }

    @Path("partners/legacy")
    @Cors
    public static class AnnotatedClass {
        @GET
        public String get() {
            return "legacy";
        }
    }

    @Path("health")
    public static class Health {
        @GET
        public String get() {
            return "ok";
        }
    }

    @Path("orders")
    public static class Orders {
        @GET
        public String list() {
            return "orders";
        }
    }

    private static TestServer start() {
        return TestServer.start(new ResourceConfig(Partners.class, AnnotatedClass.class, Health.class, Orders.class),
                TestConfig.of(CONFIG));
    }

    @Test
    void aPrefixGivesItsPolicyToThePathAndEverythingBelow() {
        try (TestServer server = start()) {
            assertThat(allowed(server, "partners", PARTNER)).isTrue();
            assertThat(allowed(server, "partners/7", PARTNER)).isTrue();
            assertThat(allowed(server, "partners/7", APP)).as("the default policy's origin").isFalse();
            assertThat(allowed(server, "orders", APP)).as("no pattern: the default policy").isTrue();
            assertThat(allowed(server, "orders", PARTNER)).isFalse();
        }
    }

    @Test
    void theLongestPatternWins() {
        try (TestServer server = start()) {
            assertThat(allowed(server, "partners/vip/7", VIP)).isTrue();
            assertThat(allowed(server, "partners/vip/7", PARTNER)).isFalse();
        }
    }

    @Test
    void anExactPatternCoversThatPathOnly() {
        try (TestServer server = start()) {
            assertThat(allowed(server, "health", MONITOR)).isTrue();
            assertThat(allowed(server, "health", APP)).isFalse();
        }
    }

    @Test
    void corsOnTheMethodOrTheClassWinsOverPaths() {
        try (TestServer server = start()) {
            assertThat(allowed(server, "partners/annotated", "https://annotated.example")).isTrue();
            assertThat(allowed(server, "partners/annotated", PARTNER)).as("its @Cors starts from the default policy").isFalse();
            assertThat(allowed(server, "partners/legacy", APP)).as("a bare @Cors on the class keeps the default policy").isTrue();
            assertThat(allowed(server, "partners/legacy", PARTNER)).isFalse();
        }
    }

    @Test
    void preflightsToPathsNoResourceServesTakeTheMatchingPattern() {
        try (TestServer server = start()) {
            Reply partner = preflight(server, "partners/vip/nothing/here", VIP);
            Reply unmatched = preflight(server, "nothing/here", APP);
            Reply foreign = preflight(server, "partners/nothing", APP);

            assertThat(partner.status()).isEqualTo(204);
            assertThat(partner.header("Access-Control-Allow-Origin")).isEqualTo(VIP);
            assertThat(unmatched.status()).as("no pattern: the default policy").isEqualTo(204);
            assertThat(foreign.status()).isEqualTo(403);
        }
    }

    @Path("reload")
    public static class Reload {
        @Context
        Configuration configuration;

        @PUT
        public String reload() {
            return Boolean.toString(CorsFeature.reload(configuration));
        }
    }

    @Test
    void pathsChangeWithTheConfiguration() {
        MutableConfigSource source = new MutableConfigSource(new HashMap<>(CONFIG), "cors.allowed-origins");
        try (TestServer server = TestServer.start(new ResourceConfig(Partners.class, Orders.class, Reload.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(source.config()))))) {
            assertThat(allowed(server, "orders", PARTNER)).isFalse();

            source.set("cors.policy.partners.paths", "/partners/*, /orders");
            assertThat(server.send("PUT", "reload").body()).isEqualTo("true");

            assertThat(allowed(server, "orders", PARTNER)).isTrue();
            assertThat(allowed(server, "orders", APP)).isFalse();
        }
    }

    @Test
    void twoPoliciesWithOnePatternAndPatternsThatAreNoPathsAreRefused() {
        Map<String, String> config = new HashMap<>(CONFIG);
        config.put("cors.policy.monitor.paths", "/health, /partners/*, orders, /orders/{id}");
        config.put("cors.paths", "/x/*");

        Throwable thrown = catchThrowable(() -> TestServer.start(new ResourceConfig(Health.class), TestConfig.of(config)).close());

        assertThat(thrown).isInstanceOf(CorsConfigException.class);
        assertThat(((CorsConfigException) thrown).problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                "cors.paths: paths belong to named policies: write cors.policy.<name>.paths, and that policy answers the "
                        + "resources at those paths",
                "cors.policy.partners.paths: '/partners/*' is also a path of policy 'monitor' (cors.policy.monitor.paths); "
                        + "give each path one policy",
                "cors.policy.monitor.paths: 'orders' does not start with '/'; write a path relative to the application, "
                        + "such as /health or /api/public/*",
                "cors.policy.monitor.paths: '/orders/{id}' has '{', which is not part of a path (patterns are paths, not "
                        + "@Path templates)");
    }

    @Test
    void aPatternNoResourceIsAtIsLogged() {
        Map<String, String> config = new HashMap<>(CONFIG);
        config.put("cors.policy.monitor.paths", "/healht");
        List<String> warnings;
        try (CapturedLog log = CapturedLog.of(DecisionLog.LOGGER);
             TestServer server = TestServer.start(new ResourceConfig(Health.class, Partners.class), TestConfig.of(config))) {
            server.send("GET", "health", "Origin", APP);
            warnings = log.messages(Level.WARNING);
        }
        assertThat(warnings).containsExactly("cors.policy.monitor.paths: '/healht' is the path of no resource method; it "
                + "answers only preflights to paths nothing serves (a typo?)");
    }

    private static boolean allowed(TestServer server, String path, String origin) {
        Reply reply = server.send("GET", path, "Origin", origin);
        assertThat(reply.status()).as("GET /%s from %s", path, origin).isIn(200, 403);
        return reply.status() == 200 && origin.equals(reply.header("Access-Control-Allow-Origin"));
    }

    private static Reply preflight(TestServer server, String path, String origin) {
        return server.send("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", "GET");
    }
}
