package io.github.jaxrscors;

import io.github.jaxrscors.testing.DeploymentSummary;
import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaxrscors.readme.CustomerResource;
import io.github.jaxrscors.readme.KtorMigration;
import io.github.jaxrscors.readme.OrderResource;
import io.github.jaxrscors.readme.ProgrammaticPolicy;
import io.github.jaxrscors.readme.UnhandledExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps README.md and the documents under docs/ honest: every code block is either compiled code
 * from {@code io.github.jaxrscors.readme} (compared verbatim, and run here), input that a test runs,
 * or a command; and every message, default and log line they quote is what the library produces.
 * docs/live-reconfiguration.md is run by {@link LiveReconfigurationDocTest}.
 */
class ReadmeExamplesTest {

    private static final java.nio.file.Path README = Paths.get("README.md");
    private static final java.nio.file.Path DOCS = Paths.get("docs");
    private static final java.nio.file.Path KTOR_GUIDE = DOCS.resolve("migrating-from-ktor.md");
    private static final java.nio.file.Path BEHAVIOUR = DOCS.resolve("behaviour.md");
    private static final java.nio.file.Path REFUSALS = DOCS.resolve("refused-at-startup.md");
    private static final java.nio.file.Path TROUBLESHOOTING = DOCS.resolve("troubleshooting.md");
    private static final java.nio.file.Path SNIPPET_SOURCES = Paths.get("src/test/java/io/github/jaxrscors/readme");
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z-]+) -->");

    private static final String ADMIN = "https://admin.example.com";
    private static final String SHOP = "https://shop.example.com";

    /** A code block of the README or of a document, and the source file whose tagged region it must equal. */
    record JavaSnippet(String name, java.nio.file.Path document, String file) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<JavaSnippet> javaSnippets() {
        return Stream.of(new JavaSnippet("cors-annotation", README, "CustomerResource.java"),
                new JavaSnippet("builder", README, "ProgrammaticPolicy.java"),
                new JavaSnippet("exception-mapper", TROUBLESHOOTING, "UnhandledExceptionMapper.java"),
                new JavaSnippet("inspector", README, "CorsRulesTest.java"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaSnippets")
    void javaSnippetsAreTheCompiledCode(JavaSnippet snippet) throws IOException {
        assertThat(block(snippet.document(), snippet.name())).isEqualTo(region(snippet.file(), snippet.name()));
    }

    @Test
    void everyCodeBlockIsACommandOrASnippetThisTestChecks() throws IOException {
        assertThat(markedBlocks(README)).containsExactlyInAnyOrder("jersey-dependencies", "minimal-config", "config-table",
                "policies-config", "cors-annotation", "builder", "inspector", "paths-config");
    }

    /** Every document under docs/ is listed here with the snippets it marks, and each of those is checked. */
    @Test
    void everyDocumentsCodeBlocksAreChecked() throws IOException {
        Map<String, Set<String>> documents = Map.ofEntries(
                Map.entry("migrating-from-ktor.md", Set.of("ktor-table", "ktor-builder", "ktor-config")),
                Map.entry("live-reconfiguration.md", Set.of("refresh-config", "refresh-log", "reload-endpoint")),
                Map.entry("runtimes.md", Set.of("cxf-registration", "security-constraint", "exception-mapper", "helidon-meta-config",
                        "liberty-features", "liberty-variable", "spring-boot-application-yml", "dropwizard-bundle", "dropwizard-yaml")),
                Map.entry("public-suffix-list.md", Set.of("psl-version")),
                Map.entry("refused-at-startup.md", Set.of("refusals", "star-with-credentials-config", "star-with-credentials-message")),
                Map.entry("troubleshooting.md", Set.of("logging-properties", "decision-log", "no-config-message", "exception-mapper")),
                Map.entry("behaviour.md", Set.of("tests-table")),
                Map.entry("operating.md", Set.of()),
                Map.entry("comparison.md", Set.of()),
                Map.entry("performance.md", Set.of()));
        try (Stream<java.nio.file.Path> docs = Files.list(DOCS)) {
            assertThat(docs.map(doc -> doc.getFileName().toString())).containsExactlyInAnyOrderElementsOf(documents.keySet());
        }
        documents.forEach((doc, markers) -> {
            try {
                assertThat(markedBlocks(DOCS.resolve(doc))).as(doc).containsExactlyInAnyOrderElementsOf(markers);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static final Pattern TEST_CLASS = Pattern.compile("`(\\w+Test)`");
    private static final java.nio.file.Path TESTS = Paths.get("src/test/java/io/github/jaxrscors");

    /** docs/behaviour.md's list of the tests of each behaviour names tests that exist, and every test class beside this one. */
    @Test
    void behaviourDocumentListsTheTestOfEachBehaviour() throws IOException {
        Set<String> listed = new TreeSet<>();
        for (List<String> row : tableRows(block(BEHAVIOUR, "tests-table"))) {
            Matcher test = TEST_CLASS.matcher(row.get(1));
            while (test.find()) {
                listed.add(test.group(1));
            }
        }
        try (Stream<java.nio.file.Path> everywhere = Files.walk(TESTS); Stream<java.nio.file.Path> here = Files.list(TESTS)) {
            assertThat(testClasses(everywhere)).as("the tests the document names").containsAll(listed);
            assertThat(listed).as("the test classes of %s", TESTS).containsAll(testClasses(here));
        }
    }

    private static Set<String> testClasses(Stream<java.nio.file.Path> files) {
        return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith("Test.java"))
                .map(name -> name.substring(0, name.length() - ".java".length())).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void runtimesDocumentShowsWhatTheMatrixRuns() throws IOException {
        java.nio.file.Path runtimes = DOCS.resolve("runtimes.md");
        assertThat(block(runtimes, "exception-mapper")).isEqualTo(region("UnhandledExceptionMapper.java", "exception-mapper"));
        String cxf = Files.readString(Paths.get("compat/cxf-jetty/src/main/java/io/github/jaxrscors/compat/cxf/Main.java"));
        assertThat(block(runtimes, "cxf-registration").lines().map(line -> line.replaceAll("\\s*//.*", "").strip()))
                .allSatisfy(line -> assertThat(cxf).contains(line.substring(0, line.indexOf('(') + 1)));
        String wildFly = Files.readString(Paths.get("compat/tests/src/test/java/io/github/jaxrscors/compat/WildFlyIT.java"));
        assertThat(wildFly).contains("<http-method-omission>OPTIONS</http-method-omission>", "<url-pattern>/api/*</url-pattern>");
        assertThat(block(runtimes, "security-constraint")).contains("<http-method-omission>OPTIONS</http-method-omission>",
                "<url-pattern>/api/*</url-pattern>");

        String helidon = Files.readString(Paths.get("compat/tests/src/test/java/io/github/jaxrscors/compat/HelidonMpIT.java"));
        String metaConfig = helidon.substring(helidon.indexOf("\"\"\"", helidon.indexOf("\"mp-meta-config.yaml\"")) + 4);
        assertThat(block(runtimes, "helidon-meta-config") + "\n").as("the meta-configuration HelidonMpIT writes")
                .isEqualTo(metaConfig.substring(0, metaConfig.indexOf("\"\"\"")).stripIndent());
        String liberty = Files.readString(Paths.get("compat/tests/src/test/java/io/github/jaxrscors/compat/OpenLibertyIT.java"));
        assertThat(block(runtimes, "liberty-features").lines().filter(line -> line.contains("<feature>")).map(String::strip))
                .as("the features OpenLibertyIT's server.xml names").hasSize(3).allSatisfy(feature -> assertThat(liberty).contains(feature));
        assertThat(block(runtimes, "liberty-variable")).contains("<variable name=\"", "\" value=\"");
        assertThat(liberty).as("OpenLibertyIT sets a variable the same way").contains("configDropins/overrides", "<variable name=\\\"");

        assertThat(block(runtimes, "spring-boot-application-yml") + "\n").as("the application.yml SpringBootJerseyIT writes")
                .isEqualTo(textBlock("compat/tests/src/test/java/io/github/jaxrscors/compat/SpringBootJerseyIT.java", "YAML"));
        assertThat(block(runtimes, "dropwizard-yaml") + "\n").as("the cors: block DropwizardIT writes")
                .isEqualTo(textBlock("compat/tests/src/test/java/io/github/jaxrscors/compat/DropwizardIT.java", "CORS"));
        String bundle = block(runtimes, "dropwizard-bundle").replaceAll("\\s*//.*", "");
        assertThat(Files.readString(Paths.get("compat/dropwizard/src/main/java/io/github/jaxrscors/compat/dropwizard/WithCors.java")))
                .as("the matrix's service adds the bundle so").contains(bundle);
    }

    /** The text block assigned to the constant {@code name} in a Java source, as the compiler reads it. */
    private static String textBlock(String file, String name) throws IOException {
        String source = Files.readString(Paths.get(file));
        int start = source.indexOf("\"\"\"", source.indexOf(" " + name + " = \"\"\"")) + 4;
        return source.substring(start, source.indexOf("\"\"\"", start)).stripIndent();
    }

    @Test
    void publicSuffixListDocumentNamesThePropertyTheBuildReads() throws IOException {
        String pom = Files.readString(Paths.get("pom.xml"));
        assertThat(block(DOCS.resolve("public-suffix-list.md"), "psl-version")).isEqualTo(
                "<public-suffix-list.version>" + pomValue(pom, "public-suffix-list.version") + "</public-suffix-list.version>");
    }

    /** The snippet names marked in {@code file}, after checking that every code block in it is marked (or a bash command). */
    private static Set<String> markedBlocks(java.nio.file.Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
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
                        .as("%s line %d: a %s block without a snippet marker is not checked", file, i + 1, line).isTrue();
            }
            inBlock = !inBlock;
        }
        return markers;
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
        try (TestServer server = TestServer.start(new ResourceConfig(OrderResource.class),
                config(properties(readmeBlock("minimal-config"))))) {
            Reply response = get(server, "/orders/1", "https://app.example.com");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(get(server, "/orders/1", "https://other.example.com").status()).isEqualTo(403);
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
        expected.add(ConfigReader.METRICS);
        expected.add(ConfigReader.EXPLAIN_REFUSALS);
        expected.add("cors.policy.<name>.paths");
        expected.add("cors.policy.<name>.<key>");
        assertThat(defaults.keySet()).containsExactlyElementsOf(expected);

        CorsPolicy withoutKey = CorsPolicy.fromConfig(TestConfig.of(Map.of("cors.allowed-origins", "https://a.example")));
        defaults.forEach((key, documented) -> {
            if (!documented.startsWith("`")) {
                return; // "(none)" and the named-policy row are described, not values
            }
            String value = unquote(documented);
            if (key.equals(ConfigReader.ENABLED)) {
                assertThat(ConfigReader.enabled(Settings.of(Map.of()))).isEqualTo(Boolean.parseBoolean(value));
                return;
            }
            CorsPolicy withDefault = CorsPolicy.fromConfig(TestConfig.of(Map.of("cors.allowed-origins", "https://a.example", key, value)));
            assertThat(withDefault).as("documented default of %s", key).isEqualTo(withoutKey);
        });
    }

    @jakarta.ws.rs.Path("api/partners/{id}")
    public static class PartnerResource {
        @jakarta.ws.rs.GET
        public String get() {
            return "partner";
        }
    }

    @Test
    void pathsExampleGivesThePartnersTheirPolicy() throws Exception {
        Properties config = properties(readmeBlock("paths-config"));
        config.setProperty("cors.allowed-origins", SHOP);
        CorsInspector cors = CorsInspector.builder().resources(PartnerResource.class, OrderResource.class)
                .config(config(config)).build();

        assertThat(cors.actual("https://partner.example.org", "GET", "/api/partners/7").policy()).isEqualTo("partners");
        assertThat(cors.actual("https://partner.example.org", "GET", "/api/partners/7").allowed()).isTrue();
        assertThat(cors.actual("https://partner.example.org", "GET", "/orders/7").allowed()).isFalse();
    }

    @Test
    void annotationExampleBehavesAsDescribed() throws Exception {
        try (TestServer server = TestServer.start(new ResourceConfig(CustomerResource.class, OrderResource.class),
                config(properties(readmeBlock("policies-config"))))) {
            Reply admin = get(server, "/customers/42", ADMIN);
            assertThat(admin.status()).isEqualTo(200);
            assertThat(admin.header("Access-Control-Allow-Origin")).isEqualTo(ADMIN);
            assertThat(admin.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(get(server, "/customers/42", SHOP).status()).isEqualTo(403);

            Reply put = preflight(server, "/customers/42", ADMIN, "PUT", "content-type, if-match");
            assertThat(put.status()).isEqualTo(204);
            assertThat(put.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(preflight(server, "/customers/42", ADMIN, "PUT", "x-request-id").status()).isEqualTo(403);

            Reply export = get(server, "/customers/export", "https://evil.example");
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.header("Access-Control-Allow-Origin")).isNull();

            Reply order = get(server, "/orders/7", SHOP);
            assertThat(order.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            assertThat(order.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
            assertThat(preflight(server, "/orders/7", "https://eu.shop.example.com", "DELETE", "x-request-id").status())
                    .isEqualTo(204);
        }
    }

    @Test
    void unknownPolicyNameIsReportedAsDocumented() throws IOException {
        Config config = config(properties(readmeBlock("policies-config")));
        ResourceConfig app = new ResourceConfig(MistypedPolicy.class).register(new Installation(null, () -> MicroProfileSettings.of(config)));
        CorsConfigException refused = deploymentFailure(app);
        String problem = refused.problems().stream().map(Object::toString).toList().get(0).replace(MistypedPolicy.class.getName(), "com.example.CustomerResource");
        assertThat(Files.readString(REFUSALS)).contains("`" + problem + "`");
    }

    @Path("/customers")
    @Cors("admn")
    public static class MistypedPolicy {
        @GET
        public String get() {
            return "";
        }
    }

    /** docs/behaviour.md's note: below a sub-resource locator, the locator's policy answers. */
    @Test
    void subResourceLocatorPolicyAnswersBelowIt() throws Exception {
        try (TestServer server = TestServer.start(new ResourceConfig(Accounts.class),
                config(properties(readmeBlock("policies-config"))))) {
            assertThat(preflight(server, "/accounts/1/statements", "https://locator.example", "PUT", null).status())
                    .isEqualTo(204);
            assertThat(preflight(server, "/accounts/1/statements", "https://sub-resource.example", "PUT", null).status())
                    .isEqualTo(403);
            assertThat(get(server, "/accounts/1/statements", "https://locator.example").header("Access-Control-Allow-Origin"))
                    .isEqualTo("https://locator.example");
            assertThat(get(server, "/accounts/1/statements", "https://sub-resource.example").status()).isEqualTo(403);
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
    void decisionLogShowsTheDocumentedLines() throws Exception {
        Properties logging = properties(block(TROUBLESHOOTING, "logging-properties"));
        assertThat(logging.getProperty("java.util.logging.ConsoleHandler.level")).isEqualTo("FINE");
        Logger logger = Logger.getLogger(DecisionLog.LOGGER);
        Level previous = logger.getLevel();
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= logger.getLevel().intValue() && !DeploymentSummary.is(record.getMessage())) {
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
        try (TestServer server = TestServer.start(new ResourceConfig(CustomerResource.class, OrderResource.class),
                config(properties(readmeBlock("policies-config"))))) {
            preflight(server, "/customers/42", ADMIN, "PUT", "content-type, x-request-id");
            preflight(server, "/customers/42", SHOP, "PUT", "content-type");
            preflight(server, "/orders/7", SHOP, "PATCH", null);
            get(server, "/orders/7", "http://localhost:3000");
            get(server, "/orders/7", SHOP); // allowed: logged at TRACE only, so not shown
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }
        assertThat(lines).isEqualTo(block(TROUBLESHOOTING, "decision-log").lines().toList());
    }

    @Test
    void builderExampleBehavesAsDescribed() throws Exception {
        try (TestServer server = TestServer.start(ProgrammaticPolicy.application())) {
            Reply sub = preflight(server, "/orders/1", "https://api.example.com", "DELETE", "content-type, x-custom-trace");
            assertThat(sub.status()).isEqualTo(204);
            assertThat(sub.header("Access-Control-Allow-Origin")).isEqualTo("https://api.example.com");
            assertThat(sub.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(sub.header("Access-Control-Max-Age")).isEqualTo("3600");
            assertThat(preflight(server, "/orders/1", "https://example.com", "DELETE", null).status())
                    .as("*.example.com never matches the apex").isEqualTo(403);
            assertThat(preflight(server, "/orders/1", "http://api.example.com", "DELETE", null).status())
                    .as("only https was listed").isEqualTo(403);
            Reply app = get(server, "/orders/1", "https://app.example.com");
            assertThat(app.header("Access-Control-Expose-Headers")).isEqualTo("X-Total-Count");
        }
    }

    @Test
    void refusalTableShowsTheExactMessages() throws IOException {
        List<List<String>> rows = tableRows(block(REFUSALS, "refusals"));
        assertThat(rows).hasSizeGreaterThan(10);
        for (List<String> row : rows) {
            // One setting, or several joined by "with": each a `key=value` code span.
            Map<String, String> values = new HashMap<>();
            Matcher span = CODE_SPAN.matcher(row.get(0));
            while (span.find()) {
                String setting = span.group(1);
                values.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            assertThat(values).as(row.get(0)).isNotEmpty();
            values.putIfAbsent("cors.allowed-origins", "https://app.example.com");
            assertThatThrownBy(() -> CorsPolicy.fromConfig(TestConfig.of(values)))
                    .as(row.get(0))
                    .isInstanceOfSatisfying(CorsConfigException.class,
                            e -> assertThat(e.problems().stream().map(Object::toString).toList()).containsExactly(unquote(row.get(2))));
        }
    }

    @Test
    void starWithCredentialsIsRefusedWithTheDocumentedMessage() throws IOException {
        Config config = config(properties(block(REFUSALS, "star-with-credentials-config")));
        assertThatThrownBy(() -> CorsPolicy.fromConfig(config))
                .isInstanceOf(CorsConfigException.class)
                .hasMessage(block(REFUSALS, "star-with-credentials-message"));
        assertThatThrownBy(() -> CorsPolicy.builder().allowAnyOrigin().allowCredentials(true).build())
                .hasMessageStartingWith("Invalid CORS configuration: allowAnyOrigin: '*' cannot be combined with "
                        + "credentials (allowCredentials = true): ");
    }

    @Test
    void missingConfigImplementationFailsDeploymentWithTheDocumentedMessage() throws IOException {
        Supplier<Settings.Source> none = () -> {
            throw new IllegalStateException("No ConfigProviderResolver implementation found");
        };
        ResourceConfig app = new ResourceConfig(OrderResource.class).register(new Installation(null, none));
        assertThat(deploymentFailure(app)).hasMessage(block(TROUBLESHOOTING, "no-config-message"));
    }

    @Test
    void exceptionMapperKeepsCorsHeadersOnUnhandledExceptions() throws Exception {
        Properties config = properties(readmeBlock("policies-config"));
        try (TestServer bare = TestServer.start(new ResourceConfig(OrderResource.class), config(config))) {
            Reply containerPage = get(bare, "/orders/broken", SHOP);
            assertThat(containerPage.status()).isEqualTo(500);
            assertThat(containerPage.header("Access-Control-Allow-Origin"))
                    .as("Grizzly's own error page carries the CORS headers").isEqualTo(SHOP);
        }
        try (TestServer resetting = TestServer.start(new ResourceConfig(OrderResource.class)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true), config(config))) {
            Reply containerPage = get(resetting, "/orders/broken", SHOP);
            assertThat(containerPage.status()).isEqualTo(500);
            assertThat(containerPage.header("Access-Control-Allow-Origin"))
                    .as("the caveat: Jersey resets the response before the container's page").isNull();
        }
        try (TestServer mapped = TestServer.start(new ResourceConfig(OrderResource.class, UnhandledExceptionMapper.class)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true), config(config))) {
            Reply error = get(mapped, "/orders/broken", SHOP);
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            assertThat(get(mapped, "/orders/nothing/here", SHOP).status())
                    .as("WebApplicationExceptions keep their own status").isEqualTo(404);
        }
    }

    /* docs/migrating-from-ktor.md */

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final String BUILDER = "CorsPolicy.builder().";

    @Test
    void ktorGuideExampleIsTheCompiledCode() throws IOException {
        assertThat(block(KTOR_GUIDE, "ktor-builder")).isEqualTo(region("KtorMigration.java", "ktor-builder"));
    }

    @Test
    void ktorGuideConfigurationIsTheExamplePolicy() throws Exception {
        CorsPolicy configured = CorsPolicy.fromConfig(config(properties(block(KTOR_GUIDE, "ktor-config"))));
        assertThat(configured).isEqualTo(KtorMigration.policy());

        try (TestServer server = TestServer.start(new ResourceConfig(OrderResource.class), configured)) {
            Reply local = preflight(server, "/orders/1", "http://localhost:3000", "PUT", "authorization, content-type");
            assertThat(local.status()).isEqualTo(204);
            assertThat(local.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
            assertThat(local.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(local.header("Access-Control-Max-Age")).isEqualTo("3600");
            assertThat(preflight(server, "/orders/1", "https://app.example.com", "DELETE", null).status()).isEqualTo(204);
            assertThat(preflight(server, "/orders/1", "http://app.example.com", "DELETE", null).status())
                    .as("only https was listed for app.example.com").isEqualTo(403);
        }
    }

    /** The table's rows: the Ktor setting, then the keys and the builder call that stand for it, or a description. */
    private static List<List<String>> ktorTable() throws IOException {
        List<List<String>> rows = tableRows(block(KTOR_GUIDE, "ktor-table"));
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(3));
        return rows;
    }

    private static boolean isCode(String cell) {
        return cell.startsWith("`") && cell.endsWith("`");
    }

    @Test
    void ktorTableBuilderColumnIsTheCompiledCode() throws IOException {
        List<String> cells = ktorTable().stream().map(row -> row.get(2)).filter(ReadmeExamplesTest::isCode)
                .map(ReadmeExamplesTest::unquote).toList();
        List<String> compiled = region("KtorMigration.java", "ktor-table").lines()
                .map(line -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line)
                .peek(line -> assertThat(line).startsWith(BUILDER))
                .map(line -> line.substring(BUILDER.length())).toList();
        assertThat(cells).containsExactlyElementsOf(compiled);
    }

    /**
     * A row's keys and its builder call make the same policy; a row with only one of them is at least
     * accepted; a description (in italics) is not code.
     */
    @Test
    void ktorTableKeysAndBuilderCallsMakeTheSamePolicy() throws IOException {
        Iterator<CorsPolicy.Builder> builders = KtorMigration.tableBuilders().iterator();
        for (List<String> row : ktorTable()) {
            String keys = row.get(1);
            String builder = row.get(2);
            for (String cell : List.of(keys, builder)) {
                assertThat(isCode(cell) || cell.startsWith("*(") && cell.endsWith(")*"))
                        .as("%s: code or a description in italics", cell).isTrue();
            }
            CorsPolicy fromKeys = null;
            if (isCode(keys)) {
                Map<String, String> values = new LinkedHashMap<>();
                Matcher span = CODE_SPAN.matcher(keys);
                while (span.find()) {
                    String setting = span.group(1);
                    assertThat(setting).as(keys).contains("=");
                    values.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
                }
                fromKeys = CorsPolicy.fromConfig(TestConfig.of(values));
            }
            if (isCode(builder)) {
                CorsPolicy built = builders.next().build();
                if (fromKeys != null) {
                    assertThat(fromKeys).as("%s and %s", keys, builder).isEqualTo(built);
                }
            }
        }
        assertThat(builders.hasNext()).as("every compiled builder call has its row").isFalse();
    }

    private static Reply get(TestServer server, String path, String origin) {
        return server.send("GET", path, "Origin", origin);
    }

    private static Reply preflight(TestServer server, String path, String origin, String method, String headers) {
        return headers == null
                ? server.send("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", method)
                : server.send("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", method,
                        "Access-Control-Request-Headers", headers);
    }

    /* README and source extraction */

    /** The README's code block right after {@code <!-- snippet: name -->}, or the table that follows it. */
    static String readmeBlock(String name) throws IOException {
        return block(README, name);
    }

    /** The code block in {@code file} right after {@code <!-- snippet: name -->}, or the table that follows it. */
    static String block(java.nio.file.Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int marker = lines.indexOf("<!-- snippet: " + name + " -->");
        assertThat(marker).as("snippet marker %s in %s", name, file).isNotNegative();
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

    private static Config config(Properties properties) {
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return TestConfig.of(values);
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
}
