package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaxrscors.readme.CustomerResource;
import io.github.jaxrscors.readme.OrderResource;
import io.github.jaxrscors.readme.ProgrammaticPolicy;
import io.github.jaxrscors.readme.UnhandledExceptionMapper;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps README.md honest: every code block is either compiled code from
 * {@code io.github.jaxrscors.readme} (compared verbatim, and run here) or input that this test runs,
 * and every message, default and log line the README quotes is what the library produces.
 */
class ReadmeExamplesTest {

    private static final java.nio.file.Path README = Paths.get("README.md");
    private static final java.nio.file.Path SNIPPET_SOURCES = Paths.get("src/test/java/io/github/jaxrscors/readme");
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z-]+) -->");

    private static final String ADMIN = "https://admin.example.com";
    private static final String SHOP = "https://shop.example.com";

    /** HTTP/1.1 as browsers speak it to these servers; the JDK default would try an h2c upgrade first. */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A README code block and the source file whose tagged region it must equal. */
    record JavaSnippet(String name, String file) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<JavaSnippet> javaSnippets() {
        return Stream.of(new JavaSnippet("cors-annotation", "CustomerResource.java"),
                new JavaSnippet("builder", "ProgrammaticPolicy.java"),
                new JavaSnippet("exception-mapper", "UnhandledExceptionMapper.java"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaSnippets")
    void javaSnippetsAreTheCompiledCode(JavaSnippet snippet) throws IOException {
        assertThat(readmeBlock(snippet.name())).isEqualTo(region(snippet.file(), snippet.name()));
    }

    @Test
    void everyCodeBlockIsACommandOrASnippetThisTestChecks() throws IOException {
        List<String> lines = Files.readAllLines(README);
        Set<String> markers = new LinkedHashSet<>();
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```")) {
                Matcher m = MARKER.matcher(line);
                if (m.matches()) {
                    assertThat(markers.add(m.group(1))).as("snippet %s marked twice", m.group(1)).isTrue();
                }
                continue;
            }
            if (!inBlock && !line.equals("```bash")) {
                assertThat(i > 0 && MARKER.matcher(lines.get(i - 1)).matches())
                        .as("README line %d: a %s block without a snippet marker is not checked", i + 1, line).isTrue();
            }
            inBlock = !inBlock;
        }
        assertThat(markers).containsExactlyInAnyOrder("jersey-dependencies", "minimal-config", "no-config-message",
                "config-table", "policies-config", "cors-annotation", "builder", "refusals",
                "star-with-credentials-config", "star-with-credentials-message", "logging-properties",
                "decision-log", "exception-mapper");
    }

    @Test
    void commandsAreTheOnesTheBuildRuns() throws IOException {
        String readme = Files.readString(README);
        assertThat(readme).contains("```bash\nmvn -q -Pdemo test-compile exec:java\n```", "```bash\nmvn verify\n```");
        List<String> ci = Files.readAllLines(Paths.get(".ci/run")).stream().filter(l -> !l.isBlank()).toList();
        // The README's command, in batch mode without transfer progress, which changes only what Maven prints.
        int tests = ci.indexOf("mvn verify -B -ntp");
        assertThat(tests).as(".ci/run runs the README's test command").isNotNegative();
        assertThat(ci.subList(tests + 1, ci.size())).as("then only the slower compatibility matrix")
                .allSatisfy(line -> assertThat(line).matches("#.*|mvn .*-f compat/pom.xml.*"));
        String pom = Files.readString(Paths.get("pom.xml"));
        assertThat(pom).contains("<id>demo</id>", "<mainClass>io.github.jaxrscors.demo.Demo</mainClass>");
    }

    @Test
    void dependenciesAreThisBuildsCoordinates() throws IOException {
        String xml = readmeBlock("jersey-dependencies");
        String pom = Files.readString(Paths.get("pom.xml"));
        assertThat(xml).contains("<groupId>" + pomValue(pom, "groupId") + "</groupId>\n  <artifactId>"
                + pomValue(pom, "artifactId") + "</artifactId>\n  <version>" + pomValue(pom, "version") + "</version>");
        assertThat(xml).contains("<artifactId>smallrye-config</artifactId>\n  <version>"
                + pomValue(pom, "smallrye-config.version") + "</version>");
    }

    @Test
    void minimalConfigurationLetsThatOriginIn() throws Exception {
        try (Server server = new Server(new ResourceConfig(OrderResource.class), properties(readmeBlock("minimal-config")))) {
            HttpResponse<String> response = server.get("/orders/1", "https://app.example.com");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
            assertThat(server.get("/orders/1", "https://other.example.com").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void configurationTableListsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (List<String> row : tableRows(readmeBlock("config-table"))) {
            defaults.put(unquote(row.get(0)), row.get(1));
        }
        Set<String> expected = new LinkedHashSet<>();
        expected.add(ConfigReader.ENABLED);
        ConfigReader.POLICY_KEYS.forEach(key -> expected.add(ConfigReader.PREFIX + key));
        expected.add(ConfigReader.REFRESH_INTERVAL);
        expected.add("cors.policy.<name>.<key>");
        assertThat(defaults.keySet()).containsExactlyElementsOf(expected);

        CorsPolicy withoutKey = CorsPolicy.fromConfig(config(Map.of("cors.allowed-origins", "https://a.example")));
        defaults.forEach((key, documented) -> {
            if (!documented.startsWith("`")) {
                return; // "(none)" and the named-policy row are described, not values
            }
            String value = unquote(documented);
            if (key.equals(ConfigReader.ENABLED)) {
                assertThat(ConfigReader.enabled(Settings.of(Map.of()))).isEqualTo(Boolean.parseBoolean(value));
                return;
            }
            CorsPolicy withDefault = CorsPolicy.fromConfig(config(Map.of("cors.allowed-origins", "https://a.example", key, value)));
            assertThat(withDefault).as("documented default of %s", key).isEqualTo(withoutKey);
        });
    }

    @Test
    void annotationExampleBehavesAsDescribed() throws Exception {
        try (Server server = new Server(new ResourceConfig(CustomerResource.class, OrderResource.class),
                properties(readmeBlock("policies-config")))) {
            HttpResponse<String> admin = server.get("/customers/42", ADMIN);
            assertThat(admin.statusCode()).isEqualTo(200);
            assertThat(admin.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ADMIN);
            assertThat(admin.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(server.get("/customers/42", SHOP).statusCode()).isEqualTo(403);

            HttpResponse<String> put = server.preflight("/customers/42", ADMIN, "PUT", "content-type, if-match");
            assertThat(put.statusCode()).isEqualTo(204);
            assertThat(put.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(server.preflight("/customers/42", ADMIN, "PUT", "x-request-id").statusCode()).isEqualTo(403);

            HttpResponse<String> export = server.get("/customers/export", "https://evil.example");
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            HttpResponse<String> order = server.get("/orders/7", SHOP);
            assertThat(order.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
            assertThat(order.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Total-Count");
            assertThat(server.preflight("/orders/7", "https://eu.shop.example.com", "DELETE", "x-request-id").statusCode())
                    .isEqualTo(204);
        }
    }

    @Test
    void unknownPolicyNameIsReportedAsTheReadmeShows() throws IOException {
        Config config = config(properties(readmeBlock("policies-config")));
        ResourceConfig app = new ResourceConfig(MistypedPolicy.class).register(new CorsFeature(null, () -> MicroProfileSettings.of(config)));
        CorsConfigException refused = deploymentFailure(app);
        String problem = refused.problems().stream().map(Object::toString).toList().get(0).replace(MistypedPolicy.class.getName(), "com.example.CustomerResource");
        assertThat(Files.readString(README)).contains("`" + problem + "`");
    }

    @Path("/customers")
    @Cors("admn")
    public static class MistypedPolicy {
        @GET
        public String get() {
            return "";
        }
    }

    /** The README's note: below a sub-resource locator, the locator's policy answers. */
    @Test
    void subResourceLocatorPolicyAnswersBelowIt() throws Exception {
        try (Server server = new Server(new ResourceConfig(Accounts.class), properties(readmeBlock("policies-config")))) {
            assertThat(server.preflight("/accounts/1/statements", "https://locator.example", "PUT", null).statusCode())
                    .isEqualTo(204);
            assertThat(server.preflight("/accounts/1/statements", "https://sub-resource.example", "PUT", null).statusCode())
                    .isEqualTo(403);
            assertThat(server.get("/accounts/1/statements", "https://locator.example").headers()
                    .firstValue("Access-Control-Allow-Origin")).hasValue("https://locator.example");
            assertThat(server.get("/accounts/1/statements", "https://sub-resource.example").statusCode()).isEqualTo(403);
        }
    }

    @Path("/accounts")
    public static class Accounts {
        // Only a locator: Jersey shows such a class to no DynamicFeature, yet its policy must apply.
        @Path("{id}")
        @Cors(origins = "https://locator.example")
        public Statements statements() {
            return new Statements();
        }
    }

    public static class Statements {
        @GET
        @Path("statements")
        @Cors(origins = "https://sub-resource.example")
        public String list() {
            return "[]";
        }

        @jakarta.ws.rs.PUT
        @Path("statements")
        public void replace(String body) {
        }
    }

    @Test
    void decisionLogShowsTheReadmeLines() throws Exception {
        Properties logging = properties(readmeBlock("logging-properties"));
        assertThat(logging.getProperty("java.util.logging.ConsoleHandler.level")).isEqualTo("FINE");
        Logger logger = Logger.getLogger(DecisionLog.LOGGER);
        Level previous = logger.getLevel();
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= logger.getLevel().intValue()) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.parse(logging.getProperty("io.github.jaxrscors.level")));
        logger.addHandler(capture);
        try (Server server = new Server(new ResourceConfig(CustomerResource.class, OrderResource.class),
                properties(readmeBlock("policies-config")))) {
            server.preflight("/customers/42", ADMIN, "PUT", "content-type, x-request-id");
            server.preflight("/customers/42", SHOP, "PUT", "content-type");
            server.preflight("/orders/7", SHOP, "PATCH", null);
            server.get("/orders/7", "http://localhost:3000");
            server.get("/orders/7", SHOP); // allowed: logged at TRACE only, so not shown
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }
        assertThat(lines).isEqualTo(readmeBlock("decision-log").lines().toList());
    }

    @Test
    void builderExampleBehavesAsDescribed() throws Exception {
        try (Server server = new Server(ProgrammaticPolicy.application())) {
            HttpResponse<String> sub = server.preflight("/orders/1", "https://api.example.com", "DELETE", "content-type, x-custom-trace");
            assertThat(sub.statusCode()).isEqualTo(204);
            assertThat(sub.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://api.example.com");
            assertThat(sub.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(sub.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
            assertThat(server.preflight("/orders/1", "https://example.com", "DELETE", null).statusCode())
                    .as("*.example.com never matches the apex").isEqualTo(403);
            assertThat(server.preflight("/orders/1", "http://api.example.com", "DELETE", null).statusCode())
                    .as("only https was listed").isEqualTo(403);
            HttpResponse<String> app = server.get("/orders/1", "https://app.example.com");
            assertThat(app.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Total-Count");
        }
    }

    @Test
    void refusalTableShowsTheExactMessages() throws IOException {
        List<List<String>> rows = tableRows(readmeBlock("refusals"));
        assertThat(rows).hasSizeGreaterThan(10);
        for (List<String> row : rows) {
            String setting = unquote(row.get(0));
            String key = setting.substring(0, setting.indexOf('='));
            Map<String, String> values = new HashMap<>();
            if (!key.equals("cors.allowed-origins")) {
                values.put("cors.allowed-origins", "https://app.example.com");
            }
            values.put(key, setting.substring(setting.indexOf('=') + 1));
            assertThatThrownBy(() -> CorsPolicy.fromConfig(config(values)))
                    .as(setting)
                    .isInstanceOfSatisfying(CorsConfigException.class,
                            e -> assertThat(e.problems().stream().map(Object::toString).toList()).containsExactly(unquote(row.get(2))));
        }
    }

    @Test
    void starWithCredentialsIsRefusedWithTheReadmeMessage() throws IOException {
        Config config = config(properties(readmeBlock("star-with-credentials-config")));
        assertThatThrownBy(() -> CorsPolicy.fromConfig(config))
                .isInstanceOf(CorsConfigException.class)
                .hasMessage(readmeBlock("star-with-credentials-message"));
        assertThatThrownBy(() -> CorsPolicy.builder().allowAnyOrigin().allowCredentials(true).build())
                .hasMessageStartingWith("Invalid CORS configuration: allowAnyOrigin: '*' cannot be combined with "
                        + "credentials (allowCredentials = true): ");
    }

    @Test
    void missingConfigImplementationFailsDeploymentWithTheReadmeMessage() throws IOException {
        Supplier<Settings.Source> none = () -> {
            throw new IllegalStateException("No ConfigProviderResolver implementation found");
        };
        ResourceConfig app = new ResourceConfig(OrderResource.class).register(new CorsFeature(null, none));
        assertThat(deploymentFailure(app)).hasMessage(readmeBlock("no-config-message"));
    }

    @Test
    void exceptionMapperKeepsCorsHeadersOnUnhandledExceptions() throws Exception {
        Properties config = properties(readmeBlock("policies-config"));
        try (Server bare = new Server(new ResourceConfig(OrderResource.class), config)) {
            HttpResponse<String> containerPage = bare.get("/orders/broken", SHOP);
            assertThat(containerPage.statusCode()).isEqualTo(500);
            assertThat(containerPage.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("Grizzly's own error page carries the CORS headers").hasValue(SHOP);
        }
        try (Server resetting = new Server(new ResourceConfig(OrderResource.class)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true), config)) {
            HttpResponse<String> containerPage = resetting.get("/orders/broken", SHOP);
            assertThat(containerPage.statusCode()).isEqualTo(500);
            assertThat(containerPage.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("the caveat: Jersey resets the response before the container's page").isEmpty();
        }
        try (Server mapped = new Server(new ResourceConfig(OrderResource.class, UnhandledExceptionMapper.class)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true), config)) {
            HttpResponse<String> error = mapped.get("/orders/broken", SHOP);
            assertThat(error.statusCode()).isEqualTo(500);
            assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
            assertThat(mapped.get("/orders/nothing/here", SHOP).statusCode())
                    .as("WebApplicationExceptions keep their own status").isEqualTo(404);
        }
    }

    /* README and source extraction */

    /** The code block right after {@code <!-- snippet: name -->}, or the table that follows it. */
    static String readmeBlock(String name) throws IOException {
        List<String> lines = Files.readAllLines(README);
        int marker = lines.indexOf("<!-- snippet: " + name + " -->");
        assertThat(marker).as("snippet marker %s in README", name).isNotNegative();
        List<String> block = new ArrayList<>();
        if (lines.get(marker + 1).startsWith("|")) {
            for (int i = marker + 1; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                block.add(lines.get(i));
            }
        } else {
            assertThat(lines.get(marker + 1)).startsWith("```");
            for (int i = marker + 2; !lines.get(i).equals("```"); i++) {
                block.add(lines.get(i));
            }
        }
        return String.join("\n", block);
    }

    /** The lines between {@code // tag::name[]} and {@code // end::name[]}, without their common indentation. */
    static String region(String file, String name) throws IOException {
        List<String> lines = Files.readAllLines(SNIPPET_SOURCES.resolve(file));
        int start = indexOfTrimmed(lines, "// tag::" + name + "[]");
        int end = indexOfTrimmed(lines, "// end::" + name + "[]");
        assertThat(start).as("region %s in %s", name, file).isNotNegative().isLessThan(end);
        List<String> region = lines.subList(start + 1, end);
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    private static int indexOfTrimmed(List<String> lines, String wanted) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** The cells of a Markdown table's body rows (header and separator skipped). */
    private static List<List<String>> tableRows(String table) {
        return table.lines().skip(2).map(row -> {
            String[] cells = row.substring(1, row.length() - 1).split("\\|", -1);
            return Stream.of(cells).map(String::trim).toList();
        }).toList();
    }

    private static String unquote(String cell) {
        assertThat(cell).startsWith("`").endsWith("`");
        return cell.substring(1, cell.length() - 1);
    }

    private static String pomValue(String pom, String element) {
        Matcher m = Pattern.compile("<" + Pattern.quote(element) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("<%s> in pom.xml", element).isTrue();
        return m.group(1);
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "readme", 500)).build();
    }

    private static Config config(Properties properties) {
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return config(values);
    }

    private static CorsConfigException deploymentFailure(ResourceConfig app) {
        Throwable failure = null;
        try {
            new ApplicationHandler(app);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CorsConfigException e) {
                return e;
            }
        }
        throw new AssertionError("deployment did not fail with a CorsConfigException", failure);
    }

    /** A Grizzly server on a free port, configured as the README's examples are. */
    private final class Server implements AutoCloseable {
        private final HttpServer server;
        private final URI base;

        Server(ResourceConfig app, Properties properties) {
            this(app.register(new CorsFeature(null, () -> MicroProfileSettings.of(config(properties)))));
        }

        Server(ResourceConfig app) {
            server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://localhost:0/"), app);
            base = URI.create("http://localhost:" + server.getListener("grizzly").getPort());
        }

        HttpResponse<String> get(String path, String origin) throws Exception {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Origin", origin).GET());
        }

        HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", method);
            if (headers != null) {
                request.header("Access-Control-Request-Headers", headers);
            }
            return send(request);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            server.shutdownNow();
        }
    }
}
