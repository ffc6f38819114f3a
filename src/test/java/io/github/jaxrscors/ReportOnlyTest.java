package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.deployment.Installation;
import io.github.jaxrscors.testing.MutableConfigSource;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.TestServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cors.report-only}: requests decided by a report-only policy are left as if the library
 * were absent (no CORS header, no Vary, nothing refused, preflights on to the application), while
 * every would-be refusal is logged at WARNING with the reason the DEBUG line gives. The comparison
 * with an application without the library, over forked servers, is in the integration tests.
 */
class ReportOnlyTest {

    private static final String APP = "https://app.example.com";
    private static final String ADMIN = "https://admin.example.com";
    private static final String FOREIGN = "https://evil.example";

    @Path("items")
    public static class Items {
        @GET
        public String list() {
            return "items";
        }

        @PUT
        public String put() {
            return "put";
        }
    }

    @Path("admin")
    @Cors("admin")
    public static class Admin {
        @GET
        public String get() {
            return "admin";
        }
    }

    @Path("reload")
    public static class Reload {
        @Context
        Configuration configuration;

        @GET
        public String reload() {
            return Boolean.toString(CorsFeature.reload(configuration));
        }
    }

    private final List<LogRecord> log = Collections.synchronizedList(new ArrayList<>());
    private final Logger logger = Logger.getLogger(DecisionLog.LOGGER);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @Test
    void refusalsPassUntouchedAndAreLoggedWithTheirReason() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class),
                TestConfig.of(Map.of("cors.allowed-origins", APP, "cors.report-only", "true")))) {
            Reply foreign = server.send("GET", "items", "Origin", FOREIGN);
            Reply preflight = server.send("OPTIONS", "items", "Origin", FOREIGN, "Access-Control-Request-Method", "PUT");
            Reply allowed = server.send("GET", "items", "Origin", APP);
            Reply malformed = server.send("GET", "items", "Origin", APP + "/");

            assertThat(foreign.status()).isEqualTo(200);
            assertThat(foreign.body()).isEqualTo("items");
            assertThat(preflight.status()).as("Jersey's own OPTIONS answer").isEqualTo(200);
            assertThat(preflight.header("Allow")).contains("PUT");
            for (Reply reply : List.of(foreign, preflight, allowed, malformed)) {
                assertThat(reply.corsHeaders()).as("no Access-Control-* header").isEmpty();
                assertThat(reply.all("Vary")).as("no Vary added").isEmpty();
            }
            assertThat(wouldRefuse()).containsExactly(
                    "report-only: would refuse request: origin 'https://evil.example' not allowed by policy 'default' for GET /items",
                    "report-only: would refuse preflight: origin 'https://evil.example' not allowed by policy 'default' for PUT /items",
                    "report-only: would refuse request: origin 'https://app.example.com/' is malformed (or repeated, or too long), "
                            + "so not allowed by policy 'default' for GET /items");
        }
    }

    @Test
    void deploymentNamesThePoliciesInReportOnly() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class, Admin.class), TestConfig.of(Map.of(
                "cors.allowed-origins", APP, "cors.policy.admin.allowed-origins", ADMIN,
                "cors.policy.admin.report-only", "true")))) {
            assertThat(server.send("GET", "items", "Origin", APP).status()).isEqualTo(200);
        }
        assertThat(warnings()).containsExactly("CORS policies in report-only mode, deciding, logging and counting requests but "
                + "never refusing or answering them: admin");
        assertThat(infos()).anyMatch(line -> line.startsWith("CORS: 3 resource methods") && line.endsWith("report-only: admin"));
    }

    @Test
    void aNamedPolicyObservesWhileTheDefaultEnforces() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class, Admin.class), TestConfig.of(Map.of(
                "cors.allowed-origins", APP, "cors.policy.admin.allowed-origins", ADMIN,
                "cors.policy.admin.report-only", "true")))) {
            Reply observed = server.send("GET", "admin", "Origin", APP);
            Reply enforced = server.send("GET", "items", "Origin", ADMIN);
            Reply allowedAdmin = server.send("GET", "admin", "Origin", ADMIN);

            assertThat(observed.status()).isEqualTo(200);
            assertThat(observed.corsHeaders()).isEmpty();
            assertThat(enforced.status()).as("the default policy still refuses").isEqualTo(403);
            assertThat(allowedAdmin.corsHeaders()).as("report-only sends no CORS header, allowed or not").isEmpty();
            assertThat(wouldRefuse()).containsExactly(
                    "report-only: would refuse request: origin 'https://app.example.com' not allowed by policy 'admin' for GET /admin");
        }
    }

    @Test
    void aFloodOfOriginsLogsABoundedNumberOfLines() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class),
                TestConfig.of(Map.of("cors.allowed-origins", APP, "cors.report-only", "true")))) {
            for (int i = 0; i < 300; i++) {
                assertThat(server.send("GET", "items", "Origin", "https://o" + i + ".evil.example").status()).isEqualTo(200);
            }
        }
        assertThat(wouldRefuse()).as("at most 50 lines a minute").hasSize(50);
    }

    @Test
    void switchingReportOnlyOffEnforcesWithoutARestart() {
        MutableConfigSource source = new MutableConfigSource(new HashMap<>(Map.of(
                "cors.allowed-origins", APP, "cors.report-only", "true")), "cors.allowed-origins");
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class, Reload.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(source.config()))))) {
            assertThat(server.send("GET", "items", "Origin", FOREIGN).status()).isEqualTo(200);

            source.set("cors.report-only", "false");
            assertThat(server.send("GET", "reload").body()).isEqualTo("true");

            assertThat(server.send("GET", "items", "Origin", FOREIGN).status()).isEqualTo(403);
            assertThat(server.send("GET", "items", "Origin", APP).header("Access-Control-Allow-Origin")).isEqualTo(APP);
        }
    }

    @Test
    void aPolicyInCodeCanReportOnly() {
        try (TestServer server = TestServer.start(new ResourceConfig(Items.class),
                CorsPolicy.builder().allowOrigin(APP).reportOnly(true).build())) {
            assertThat(server.send("GET", "items", "Origin", FOREIGN).status()).isEqualTo(200);
            assertThat(wouldRefuse()).hasSize(1);
        }
    }

    private List<String> warnings() {
        return messages(Level.WARNING);
    }

    private List<String> wouldRefuse() {
        return warnings().stream().filter(line -> line.startsWith("report-only: would refuse")).toList();
    }

    private List<String> infos() {
        return messages(Level.INFO);
    }

    private List<String> messages(Level level) {
        synchronized (log) {
            return log.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
        }
    }
}
