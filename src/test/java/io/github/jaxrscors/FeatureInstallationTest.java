package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.internal.deployment.DropIn;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * How the feature gets installed: the Jersey drop-in with no code, by hand, both at once, with a
 * policy in code, switched off, misconfigured, without a MicroProfile Config implementation, and
 * never in a Jersey client.
 *
 * <p>The drop-in reads {@code ConfigProvider.getConfig()}; {@link TestServer#startDropIn} makes that
 * return a config holding exactly the given properties during deployment.
 */
class FeatureInstallationTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final String CODE_ORIGIN = "https://code.example.com";
    private static final Map<String, String> CONFIG = Map.of(
            "cors.allowed-origins", ORIGIN,
            "cors.exposed-headers", "X-Total-Count");

    private static ResourceConfig resources() {
        return new ResourceConfig().register(new CorsHttpTest.Items(new AtomicInteger()));
    }

    @Test
    void dropInWorksWithoutAnyRegistration() {
        try (TestServer app = TestServer.startDropIn(resources(), TestConfig.of(CONFIG))) {
            Reply allowed = app.send("GET", "items", "Origin", ORIGIN);
            Reply refused = app.send("GET", "items", "Origin", CODE_ORIGIN);
            Reply preflight = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "POST");

            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(allowed.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(preflight.status()).isEqualTo(204);
        }
    }

    @Test
    void registeringTheClassAsWellInstallsItOnce() {
        try (TestServer app = TestServer.startDropIn(resources().register(CorsFeature.class), TestConfig.of(CONFIG))) {
            assertInstalledOnce(app.send("GET", "items", "Origin", ORIGIN));
        }
    }

    @Test
    void registeringInstancesAsWellInstallsItOnce() {
        ResourceConfig config = resources().register(new CorsFeature()).register(new AlsoRegistering(new CorsFeature()));

        try (TestServer app = TestServer.startDropIn(config, TestConfig.of(CONFIG))) {
            assertInstalledOnce(app.send("GET", "items", "Origin", ORIGIN));
        }
    }

    private static void assertInstalledOnce(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.all("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
        assertThat(reply.all("Access-Control-Expose-Headers")).containsExactly("X-Total-Count");
        assertThat(reply.elements("Vary")).containsOnlyOnce("Origin");
    }

    @Test
    void aPolicyInCodeWinsOverConfiguration() {
        CorsPolicy policy = CorsPolicy.builder().allowOrigin(CODE_ORIGIN).build();

        try (TestServer app = TestServer.startDropIn(resources().register(new CorsFeature(policy)), TestConfig.of(CONFIG))) {
            assertCodeWins(app);
        }
    }

    @Test
    void aPolicyInCodeRegisteredByAnotherFeatureStillWins() {
        CorsPolicy policy = CorsPolicy.builder().allowOrigin(CODE_ORIGIN).build();
        ResourceConfig config = resources().register(new AlsoRegistering(new CorsFeature(policy)));

        try (TestServer app = TestServer.startDropIn(config, TestConfig.of(CONFIG))) {
            assertCodeWins(app);
        }
    }

    private static void assertCodeWins(TestServer app) {
        Reply code = app.send("GET", "items", "Origin", CODE_ORIGIN);
        Reply configured = app.send("GET", "items", "Origin", ORIGIN);

        assertThat(code.status()).isEqualTo(200);
        assertThat(code.all("Access-Control-Allow-Origin")).containsExactly(CODE_ORIGIN);
        assertThat(code.all("Access-Control-Expose-Headers")).as("nothing from config").isEmpty();
        assertThat(code.elements("Vary")).containsOnlyOnce("Origin");
        assertThat(configured.status()).isEqualTo(403);
    }

    @Test
    void registeringTheClassInsideAnotherFeatureInstallsOnce() {
        try (TestServer app = TestServer.startDropIn(resources().register(new AlsoRegistering(CorsFeature.class)), TestConfig.of(CONFIG))) {
            assertInstalledOnce(app.send("GET", "items", "Origin", ORIGIN));
        }
    }

    /** An application feature that registers another feature, as libraries bundling their setup do. */
    public static final class AlsoRegistering implements Feature {
        private final Object feature;

        AlsoRegistering(Object feature) {
            this.feature = feature;
        }

        @Override
        public boolean configure(FeatureContext context) {
            if (feature instanceof Class<?> type) {
                context.register(type);
            } else {
                context.register(feature);
            }
            return true;
        }
    }

    @Test
    void disabledLeavesEveryRequestAlone() {
        Map<String, String> disabled = Map.of("cors.enabled", "false", "cors.allowed-origins", ORIGIN);

        try (TestServer app = TestServer.startDropIn(resources(), TestConfig.of(disabled))) {
            Reply actual = app.send("GET", "items", "Origin", ORIGIN);
            Reply other = app.send("DELETE", "items", "Origin", "https://evil.example");
            Reply preflight = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");

            assertThat(actual.status()).isEqualTo(200);
            assertThat(other.status()).isEqualTo(200);
            assertThat(preflight.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
            assertThat(preflight.header("Allow")).contains("PUT");
            for (Reply reply : List.of(actual, other, preflight)) {
                assertThat(reply.corsHeaders()).isEmpty();
                assertThat(reply.all("Vary")).isEmpty();
            }
        }
    }

    @Test
    void disabledIgnoresTheRestOfTheConfiguration() {
        Map<String, String> disabled = Map.of("cors.enabled", "FALSE", "cors.allowed-origins", "https://bad.example/");

        try (TestServer app = TestServer.startDropIn(resources(), TestConfig.of(disabled))) {
            assertThat(app.send("GET", "items", "Origin", ORIGIN).corsHeaders()).isEmpty();
        }
    }

    @Test
    void enabledMustBeABoolean() {
        Throwable failure = catchThrowable(() -> TestServer.startDropIn(resources(), TestConfig.of(Map.of("cors.enabled", "no"))).close());

        assertThat(corsConfigException(failure).problems()).extracting(Object::toString).containsExactly("cors.enabled: 'no' is not a boolean; write true or false");
    }

    @Test
    void badConfigurationFailsDeploymentListingEveryProblem() {
        Map<String, String> bad = Map.of(
                "cors.allowed-origins", "https://app.example.com/, *",
                "cors.allow-credentials", "true",
                "cors.allowed-methods", "TRACE",
                "cors.max-age", "-1",
                "cors.alowed-headers", "X-Token");

        Throwable failure = catchThrowable(() -> TestServer.startDropIn(resources(), TestConfig.of(bad)).close());

        CorsConfigException e = corsConfigException(failure);
        assertThat(e.problems().stream().map(Object::toString).toList()).hasSize(5);
        assertThat(e.getMessage()).startsWith("Invalid CORS configuration (5 problems):")
                .contains("cors.allowed-origins: 'https://app.example.com/' has a trailing slash")
                .contains("cors.allowed-origins: '*' cannot be combined with credentials")
                .contains("cors.allowed-methods: 'TRACE'")
                .contains("cors.max-age: -1 is negative")
                .contains("cors.alowed-headers: unknown key; did you mean cors.allowed-headers?");
    }

    @Test
    void missingConfigImplementationFailsDeploymentNamingTheFix() {
        // What ConfigProvider.getConfig() does when no ConfigProviderResolver implementation is on the classpath.
        Feature feature = new Installation(null, () -> {
            throw new IllegalStateException("No ConfigProviderResolver implementation found!");
        });

        Throwable failure = catchThrowable(() -> TestServer.start(resources().register(feature)).close());

        CorsConfigException e = corsConfigException(failure);
        assertThat(e.getMessage()).contains(Deployment.NO_CONFIG_IMPLEMENTATION)
                .contains("io.smallrye.config:smallrye-config")
                .contains("new CorsFeature(policy)");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPolicyInCodeNeedsNoConfigImplementation() {
        Feature feature = new Installation(CorsPolicies.validated(CorsPolicy.builder().allowOrigin(ORIGIN).build()), () -> {
            throw new IllegalStateException("No ConfigProviderResolver implementation found!");
        });

        try (TestServer app = TestServer.start(resources().register(feature))) {
            assertThat(app.send("GET", "items", "Origin", ORIGIN).header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        }
    }

    @Test
    void theMasterSwitchAlsoTurnsOffAPolicyGivenInCode() {
        Feature feature = new Installation(CorsPolicies.validated(CorsPolicy.builder().allowOrigin(ORIGIN).build()),
                () -> MicroProfileSettings.of(TestConfig.of(Map.of("cors.enabled", "false"))));

        try (TestServer app = TestServer.start(resources().register(feature))) {
            Reply actual = app.send("GET", "items", "Origin", ORIGIN);
            Reply preflight = app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");

            assertThat(actual.status()).isEqualTo(200);
            assertThat(preflight.header("Allow")).as("Jersey's own OPTIONS answer").contains("PUT");
            for (Reply reply : List.of(actual, preflight)) {
                assertThat(reply.corsHeaders()).isEmpty();
            }
        }
    }

    @Test
    void aPolicyInCodeStillRefusesMistakesInTheConfigurationBesideIt() {
        Map<String, String> bad = Map.of(
                "cors.alowed-origins", "https://app.example.com",
                "cors.policy.admin.allow-credentials", "yes");
        Feature feature = new Installation(CorsPolicies.validated(CorsPolicy.builder().allowOrigin(ORIGIN).build()), () -> MicroProfileSettings.of(TestConfig.of(bad)));

        Throwable failure = catchThrowable(() -> TestServer.start(resources().register(feature)).close());

        assertThat(corsConfigException(failure).problems()).extracting(Object::toString).containsExactlyInAnyOrder(
                "cors.alowed-origins: unknown key; did you mean cors.allowed-origins?",
                "cors.policy.admin.allow-credentials: 'yes' is not a boolean; write true or false");
    }

    @Test
    void aConfigSupplierIsAskedOnlyAtDeployment() {
        AtomicInteger asked = new AtomicInteger();
        Feature feature = new Installation(null, () -> {
            asked.incrementAndGet();
            return MicroProfileSettings.of(TestConfig.of(CONFIG));
        });

        try (TestServer app = TestServer.start(resources().register(feature))) {
            int atDeployment = asked.get();
            app.send("GET", "items", "Origin", ORIGIN);
            app.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "POST");

            assertThat(atDeployment).isEqualTo(1);
            assertThat(asked.get()).isEqualTo(1);
        }
    }

    @Test
    void aJerseyClientIsUnaffected() {
        AtomicReference<Object> deployment = new AtomicReference<>("not seen");
        AtomicReference<Boolean> registered = new AtomicReference<>();
        ClientRequestFilter inspect = request -> {
            deployment.set(request.getConfiguration().getProperty(Deployment.PROPERTY));
            registered.set(request.getConfiguration().isRegistered(CorsFeature.class)
                    || request.getConfiguration().isRegistered(DropIn.class));
            request.abortWith(Response.ok("from the filter").build());
        };

        Config bad = TestConfig.of(Map.of("cors.allowed-origins", "https://bad.example/"));
        Client client = TestServer.withConfigProvider(bad, ClientBuilder::newClient);
        try {
            Response response = TestServer.withConfigProvider(bad,
                    () -> client.register(inspect).target("http://localhost:9/").request().header("Origin", ORIGIN).get());

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(String.class)).isEqualTo("from the filter");
            assertThat(registered.get()).as("CorsFeature registered in the client").isFalse();
            assertThat(deployment.get()).as("CORS state in the client").isNull();
        } finally {
            client.close();
        }
    }

    private static CorsConfigException corsConfigException(Throwable failure) {
        assertThat(failure).as("deployment failed").isNotNull();
        return Stream.iterate(failure, t -> t != null, Throwable::getCause)
                .filter(CorsConfigException.class::isInstance)
                .map(CorsConfigException.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CorsConfigException in", failure));
    }
}
