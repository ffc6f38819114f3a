package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.MutableConfigSource;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jaxrscors.readme.CorsAdminResource;
import io.github.jaxrscors.readme.OrderResource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/live-reconfiguration.md honest, as {@link ReadmeExamplesTest} does the README: its Java
 * is the compiled {@code readme.CorsAdminResource}, run here; its configuration deploys; its log
 * lines are what a refresh logs.
 */
class LiveReconfigurationDocTest {

    private static final Path DOC = Path.of("docs/live-reconfiguration.md");
    private static final String PARTNER = "https://partner.example.com";
    private static final String PREVIEW = "https://preview.example.com";

    @Test
    void reloadEndpointIsTheCompiledCode() throws IOException {
        assertThat(block("reload-endpoint")).isEqualTo(ReadmeExamplesTest.region("CorsAdminResource.java", "reload-endpoint"));
    }

    @Test
    void reloadEndpointAnswersAsDescribed() throws Exception {
        MutableConfigSource source = new MutableConfigSource(properties(block("refresh-config")), "cors.allowed-origins");
        try (TestServer server = TestServer.start(new ResourceConfig(OrderResource.class, CorsAdminResource.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(source.config()))))) {
            assertThat(get(server, PARTNER).status()).isEqualTo(200);
            assertThat(get(server, PREVIEW).status()).isEqualTo(403);

            source.set("cors.allowed-origins", PARTNER + ", " + PREVIEW);
            assertThat(reload(server).body()).isEqualTo("new CORS policy active");
            assertThat(get(server, PREVIEW).header("Access-Control-Allow-Origin")).isEqualTo(PREVIEW);
            assertThat(reload(server).body()).isEqualTo("CORS policy unchanged");

            source.set("cors.allowed-origins", PREVIEW + "/");
            Reply refused = reload(server);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).isEqualTo("cors.allowed-origins: '" + PREVIEW + "/' has a trailing slash, which "
                    + "an origin never has; write '" + PREVIEW + "'");
            assertThat(get(server, PARTNER).status()).as("the policy in use stays").isEqualTo(200);
        }
    }

    /** The documented lines, from a run of the documented configuration refreshed every second instead. */
    @Test
    void refreshLogsTheDocumentedLines() throws Exception {
        Map<String, String> config = properties(block("refresh-config"));
        config.put("cors.refresh-interval", "1s");
        MutableConfigSource source = new MutableConfigSource(config, "cors.allowed-origins");
        Logger logger = Logger.getLogger(DecisionLog.LOGGER);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(record.getLevel() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try (TestServer server = TestServer.start(new ResourceConfig(OrderResource.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(source.config()))))) {
            get(server, PARTNER);
            source.set("cors.allowed-origins", "https://app.example.com, " + PARTNER + "/");
            await(() -> lines.size() == 1);
            source.set("cors.allowed-origins", "https://app.example.com, " + PARTNER + ", " + PREVIEW);
            await(() -> lines.size() == 2);
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(lines).isEqualTo(block("refresh-log").lines().toList());
    }

    @Test
    void theDemosInvalidExampleIsRefused() throws IOException {
        String doc = Files.readString(DOC);
        Matcher example = Pattern.compile("echo '([^']*)' > \\.\\.\\./cors\\.allowed-headers").matcher(doc);
        assertThat(example.find()).isTrue();
        MutableConfigSource source = new MutableConfigSource(Map.of("cors.allowed-origins", PARTNER,
                "cors.allowed-headers", example.group(1)), "cors.allowed-origins");
        CorsConfigException refused = catchThrowableOfType(CorsConfigException.class,
                () -> CorsPolicy.fromConfig(source.config()));
        assertThat(refused.problems()).singleElement().satisfies(p -> assertThat(p.where()).isEqualTo("cors.allowed-headers"));
    }

    /** The code block right after {@code <!-- snippet: name -->}; ReadmeExamplesTest checks that every block is marked. */
    private static String block(String name) throws IOException {
        return ReadmeExamplesTest.block(DOC, name);
    }

    private static Map<String, String> properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private static Reply get(TestServer server, String origin) {
        return server.send("GET", "orders/1", "Origin", origin);
    }

    private static Reply reload(TestServer server) {
        return server.sendWithBody("POST", "admin/cors/reload", "");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
