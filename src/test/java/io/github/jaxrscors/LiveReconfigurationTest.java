package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.MutableConfigSource;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Deployments;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.it.app.CorsAdminResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A configuration that changes while the application runs: what the next request sees after a
 * reload through {@link CorsFeature#reload} or {@code cors.refresh-interval}, what a bad change does
 * (nothing, and a WARNING), and what is read only once.
 */
class LiveReconfigurationTest {

    private static final String APP = "https://app.example.com";
    private static final String PARTNER = "https://partner.example.com";
    private static final String NEW_PARTNER = "https://new-partner.example.com";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Path("items")
    public static class Items {
        @GET
        public Response get() {
            return Response.ok("items").header("X-Total-Count", "1").build();
        }
    }

    @Path("partners")
    @Cors("partners")
    public static class Partners {
        @GET
        public String get() {
            return "partners";
        }
    }

    @Path("me")
    @Cors(allowCredentials = "true")
    public static class Me {
        @GET
        public String get() {
            return "me";
        }
    }

    /* Reload through the API */

    @Test
    void aNewOriginIsAllowedFromTheReloadOn() {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP));
        TestServer server = start(source, null, Items.class, CorsAdminResource.class);
        assertThat(get(server, "items", NEW_PARTNER).status()).isEqualTo(403);

        source.set("cors.allowed-origins", APP + ", " + NEW_PARTNER);

        assertThat(get(server, "items", NEW_PARTNER).status()).as("nothing changes before the reload").isEqualTo(403);
        assertThat(reload(server).body()).isEqualTo("true");
        Reply allowed = get(server, "items", NEW_PARTNER);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.all("Access-Control-Allow-Origin")).containsExactly(NEW_PARTNER);
        assertThat(get(server, "items", APP).all("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(reload(server).body()).as("nothing changed since").isEqualTo("false");
    }

    @Test
    void aNamedPolicyTakesItsNewValue() {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP,
                "cors.policy.partners.allowed-origins", PARTNER));
        TestServer server = start(source, null, Items.class, Partners.class, CorsAdminResource.class);
        assertThat(get(server, "partners", PARTNER).status()).isEqualTo(200);

        source.set("cors.policy.partners.allowed-origins", NEW_PARTNER);
        source.set("cors.policy.partners.exposed-headers", "X-Partner");
        assertThat(reload(server).body()).isEqualTo("true");

        assertThat(get(server, "partners", PARTNER).status()).isEqualTo(403);
        Reply allowed = get(server, "partners", NEW_PARTNER);
        assertThat(allowed.all("Access-Control-Allow-Origin")).containsExactly(NEW_PARTNER);
        assertThat(allowed.all("Access-Control-Expose-Headers")).containsExactly("X-Partner");
        assertThat(get(server, "items", NEW_PARTNER).status()).as("the default policy is unchanged").isEqualTo(403);
    }

    @Test
    void anAnnotationIsMergedOverTheNewDefaultPolicy() {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP));
        TestServer server = start(source, null, Items.class, Me.class, CorsAdminResource.class);
        Reply before = get(server, "me", APP);
        assertThat(before.all("Access-Control-Allow-Credentials")).containsExactly("true");
        assertThat(before.all("Access-Control-Expose-Headers")).isEmpty();

        source.set("cors.allowed-origins", NEW_PARTNER);
        source.set("cors.exposed-headers", "X-Total-Count");
        assertThat(reload(server).body()).isEqualTo("true");

        assertThat(get(server, "me", APP).status()).isEqualTo(403);
        Reply after = get(server, "me", NEW_PARTNER);
        assertThat(after.all("Access-Control-Allow-Origin")).containsExactly(NEW_PARTNER);
        assertThat(after.all("Access-Control-Allow-Credentials")).as("@Cors still applies").containsExactly("true");
        assertThat(after.all("Access-Control-Expose-Headers")).as("inherited from the new default")
                .containsExactly("X-Total-Count");
        assertThat(get(server, "items", NEW_PARTNER).all("Access-Control-Allow-Credentials"))
                .as("the default policy sends no credentials").isEmpty();
    }

    @Test
    void anAnnotationThatTheNewDefaultMakesUnsafeIsRefused() {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP));
        TestServer server = start(source, null, Items.class, Me.class, CorsAdminResource.class);

        source.set("cors.allowed-origins", "*");
        Reply refused = reload(server);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).startsWith("cors.allowed-origins | * | '*' cannot be combined with credentials (@Cors(allowCredentials) on class "
                + Me.class.getName());
        assertThat(get(server, "me", APP).all("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(get(server, "items", "https://anyone.example").status()).as("'*' was not installed").isEqualTo(403);
    }

    @Test
    void enabledIsReadOnce() {
        MutableConfigSource on = source(Map.of("cors.allowed-origins", APP, "cors.enabled", "true"));
        TestServer server = start(on, null, Items.class, CorsAdminResource.class);
        on.set("cors.enabled", "false");
        reload(server);
        assertThat(get(server, "items", APP).all("Access-Control-Allow-Origin"))
                .as("turning CORS off needs a restart").containsExactly(APP);
        on.set("cors.enabled", "off");
        on.set("cors.max-age", "-1");
        assertThat(reload(server).body().lines()).as("checked all the same, with the other problems").containsExactly(
                "cors.enabled | off | 'off' is not a boolean; write true or false",
                "cors.max-age | -1 | -1 is negative; use 0 to omit Access-Control-Max-Age");

        MutableConfigSource off = source(Map.of("cors.allowed-origins", APP, "cors.enabled", "false"));
        TestServer disabled = start(off, null, Items.class, CorsAdminResource.class);
        off.set("cors.enabled", "true");
        assertThat(reload(disabled).body()).isEqualTo("false");
        Reply untouched = get(disabled, "items", APP);
        assertThat(untouched.status()).isEqualTo(200);
        assertThat(untouched.all("Access-Control-Allow-Origin")).as("turning CORS on needs a restart").isEmpty();
    }

    @Test
    void anInvalidChangeIsReportedAndNeverServed() {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP));
        TestServer server = start(source, null, Items.class, CorsAdminResource.class);
        source.set("cors.allowed-origins", NEW_PARTNER + "/");
        source.set("cors.allow-credentials", "yes");

        Reply refused = reload(server);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().lines()).containsExactlyInAnyOrder(
                "cors.allowed-origins | " + NEW_PARTNER + "/ | '" + NEW_PARTNER + "/' has a trailing slash, which an origin "
                        + "never has; write '" + NEW_PARTNER + "'",
                "cors.allow-credentials | yes | 'yes' is not a boolean; write true or false");
        assertThat(get(server, "items", NEW_PARTNER).status()).isEqualTo(403);
        assertThat(get(server, "items", APP).all("Access-Control-Allow-Origin")).containsExactly(APP);
    }

    @Test
    void theExceptionCarriesEachProblemAsAValue() {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP));
        Deployment deployment = Deployments.of(() -> MicroProfileSettings.of(source.config()), Items.class);
        deployment.generation();
        source.set("cors.max-age", "-5");
        source.set("cors.alowed-methods", "PUT");

        CorsConfigException refused = org.assertj.core.api.Assertions.catchThrowableOfType(CorsConfigException.class,
                deployment::reload);

        assertThat(refused.problems()).containsExactlyInAnyOrder(
                new Problem("cors.max-age", "-5", "-5 is negative; use 0 to omit Access-Control-Max-Age"),
                new Problem("cors.alowed-methods", null, "unknown key; did you mean cors.allowed-methods?"));
    }

    @Test
    void aKeyAddedLaterIsCheckedAsAtDeployment() {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP));
        TestServer server = start(source, null, Items.class, CorsAdminResource.class);
        source.set("cors.alowed-origins", NEW_PARTNER);

        Reply refused = reload(server);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).isEqualTo("cors.alowed-origins | null | unknown key; did you mean cors.allowed-origins?");
    }

    /* A policy in code */

    @Test
    void namedPoliciesFromConfigurationStillRefreshBesideAPolicyInCode() {
        MutableConfigSource source = source(Map.of("cors.policy.partners.allowed-origins", PARTNER,
                "cors.allowed-origins", "https://ignored.example"));
        CorsPolicy inCode = CorsPolicy.builder().allowOrigin(APP).exposeHeader("X-Total-Count").build();
        TestServer server = start(source, inCode, Items.class, Partners.class, CorsAdminResource.class);

        source.set("cors.policy.partners.allowed-origins", NEW_PARTNER);
        source.set("cors.allowed-origins", "https://still-ignored.example");
        assertThat(reload(server).body()).isEqualTo("true");

        Reply partner = get(server, "partners", NEW_PARTNER);
        assertThat(partner.all("Access-Control-Allow-Origin")).containsExactly(NEW_PARTNER);
        assertThat(partner.all("Access-Control-Expose-Headers")).as("inherited from the policy in code")
                .containsExactly("X-Total-Count");
        assertThat(get(server, "partners", PARTNER).status()).isEqualTo(403);
        assertThat(get(server, "items", APP).all("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(get(server, "items", "https://still-ignored.example").status())
                .as("the policy in code still replaces cors.allowed-origins").isEqualTo(403);
    }

    /* cors.refresh-interval */

    @Test
    void theScheduleLogsEachDistinctSetOfProblemsOnceAndTheFixOnce() throws Exception {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP, "cors.refresh-interval", "1s"));
        List<LogRecord> log = Collections.synchronizedList(new ArrayList<>());
        try (AutoCloseable capture = capture(log)) {
            TestServer server = start(source, null, Items.class, CorsAdminResource.class);
            get(server, "items", APP);

            source.set("cors.allowed-origins", "https://*.co.uk");
            await(() -> records(log, Level.WARNING).size() == 1);
            awaitRefreshes(source, 3);
            assertThat(records(log, Level.WARNING)).as("unchanged problems are not logged again").hasSize(1);
            assertThat(records(log, Level.WARNING).get(0)).isEqualTo("CORS configuration changed but is not valid; the "
                    + "previous policy stays in use. Invalid CORS configuration: cors.allowed-origins: 'https://*.co.uk' "
                    + "puts a wildcard over 'co.uk', a public suffix on the Public Suffix List: anyone can register a "
                    + "site there. Name your own registered domain, e.g. 'https://*.example.com'");
            assertThat(get(server, "items", APP).all("Access-Control-Allow-Origin")).containsExactly(APP);
            assertThat(get(server, "items", "https://shop.co.uk").status()).isEqualTo(403);

            // One key changes at a time, so that a refresh never sees half a change.
            source.set("cors.allowed-origins", "https://*.co.uk, " + NEW_PARTNER + "/");
            await(() -> records(log, Level.WARNING).size() == 2);
            assertThat(records(log, Level.WARNING).get(1)).contains("cors.allowed-origins: 'https://*.co.uk'",
                    "cors.allowed-origins: '" + NEW_PARTNER + "/' has a trailing slash");
            awaitRefreshes(source, 3);
            assertThat(records(log, Level.WARNING)).hasSize(2);

            source.set("cors.allowed-origins", NEW_PARTNER);
            await(() -> records(log, Level.INFO).size() == 1);
            assertThat(records(log, Level.INFO)).containsExactly("CORS configuration is valid again; the new policy is active");
            assertThat(get(server, "items", NEW_PARTNER).all("Access-Control-Allow-Origin"))
                    .containsExactly(NEW_PARTNER);
            awaitRefreshes(source, 3);
            assertThat(records(log, Level.INFO)).hasSize(1);
            assertThat(records(log, Level.WARNING)).hasSize(2);
        }
    }

    @Test
    void theScheduleInstallsAValidChangeAndSaysSoOnce() throws Exception {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP, "cors.refresh-interval", "PT1S"));
        List<LogRecord> log = Collections.synchronizedList(new ArrayList<>());
        try (AutoCloseable capture = capture(log)) {
            TestServer server = start(source, null, Items.class);
            get(server, "items", APP);

            source.set("cors.allowed-origins", NEW_PARTNER);
            await(() -> get(server, "items", NEW_PARTNER).status() == 200);
            awaitRefreshes(source, 3);

            assertThat(get(server, "items", APP).status()).isEqualTo(403);
            assertThat(records(log, Level.INFO)).containsExactly("CORS configuration changed; the new policy is active");
            assertThat(records(log, Level.WARNING)).isEmpty();
        }
    }

    @Test
    void aRevertToThePolicyInUseEndsTheWarningsWithoutANewPolicy() throws Exception {
        MutableConfigSource source = source(Map.of("cors.allowed-origins", APP, "cors.refresh-interval", "1s"));
        List<LogRecord> log = Collections.synchronizedList(new ArrayList<>());
        try (AutoCloseable capture = capture(log)) {
            TestServer server = start(source, null, Items.class);
            get(server, "items", APP);
            source.set("cors.allow-credentials", "maybe");
            await(() -> records(log, Level.WARNING).size() == 1);

            source.remove("cors.allow-credentials");
            await(() -> records(log, Level.INFO).size() == 1);

            assertThat(records(log, Level.INFO)).containsExactly("CORS configuration is valid again; the policy in use is unchanged");
        }
    }

    /* Helpers */

    private static MutableConfigSource source(Map<String, String> values) {
        return new MutableConfigSource(new HashMap<>(values), "cors.allowed-origins");
    }

    private TestServer start(MutableConfigSource source, CorsPolicy policy, Class<?>... resources) {
        TestServer server = TestServer.start(new ResourceConfig(resources)
                .register(new Installation(policy == null ? null : CorsPolicies.validated(policy), () -> MicroProfileSettings.of(source.config()))));
        open.add(server);
        return server;
    }

    private static Reply get(TestServer server, String path, String origin) {
        return server.send("GET", path, "Origin", origin);
    }

    private static Reply reload(TestServer server) {
        return server.sendWithBody("POST", "admin/cors/reload", "");
    }

    /** Records what the library logs at INFO and above, as an operator's console would show it. */
    private static AutoCloseable capture(List<LogRecord> records) {
        Logger logger = Logger.getLogger(DecisionLog.LOGGER);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        return () -> logger.removeHandler(handler);
    }

    private static List<String> records(List<LogRecord> log, Level level) {
        synchronized (log) {
            return log.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
        }
    }

    /** Waits until the schedule has read the configuration {@code count} more times. */
    private static void awaitRefreshes(MutableConfigSource source, int count) {
        long target = source.reads() + count;
        await(() -> source.reads() >= target);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
