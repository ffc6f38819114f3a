package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WildFly 39 (RESTEasy, SmallRye Config), default {@code standalone.xml}: WARs copied to
 * {@code standalone/deployments} before the start, as an operator drops them in. Besides the
 * application and its copy with the configuration mistake, two copies carry a container-managed
 * {@code <security-constraint>} on {@code /api/*}: one as usually written, one with the
 * {@code <http-method-omission>OPTIONS</http-method-omission>} the README recommends.
 */
class WildFlyIT {

    private static final String USER = "alice";
    private static final String PASSWORD = "correct-horse-7";
    private static final String REALM = "ApplicationRealm";

    /** The system property that the refreshing WAR's configuration reads its origins from. */
    private static final String ORIGINS_PROPERTY = "compat.refreshing.origins";
    private static final String NEW_ORIGIN = "https://new.example.com";
    private static final Duration CHANGE_WAIT = Duration.ofSeconds(30);

    private static ServerProcess wildfly;
    private static Path home;
    private static Path deployments;
    private static URI base;
    private static int managementPort;

    @BeforeAll
    static void start() throws IOException {
        home = Path.of(System.getProperty("wildfly.home"));
        Path script = home.resolve("bin/standalone.sh");
        if (!Files.isRegularFile(script)) {
            throw new AssertionError(script + " is missing: the tests module unpacks org.wildfly:wildfly-dist before the tests run");
        }
        // A server base folder of its own, so that every run starts from the distribution's state.
        Path serverBase = Modules.tempDir("wildfly").resolve("standalone");
        copyTree(home.resolve("standalone"), serverBase);
        deployments = serverBase.resolve("deployments");
        Path war = Modules.target("ee-war", "app.war");
        Files.copy(war, deployments.resolve("app.war"), StandardCopyOption.REPLACE_EXISTING);
        Wars.withBadOrigin(war, deployments.resolve("broken.war"));
        Wars.withoutLibrary(war, deployments.resolve("plain.war"));
        Wars.variant(war, deployments.resolve("secured.war"), Map.of(Wars.WEB_XML, securedWebXml("")));
        Wars.variant(war, deployments.resolve("secured-omission.war"), Map.of(Wars.WEB_XML,
                securedWebXml("\n      <http-method-omission>OPTIONS</http-method-omission>")));
        Wars.variant(war, deployments.resolve("refreshing.war"), Map.of(Wars.CONFIG, refreshingConfig()));
        addApplicationUser(serverBase.resolve("configuration"));

        int offset = portOffset();
        base = URI.create("http://127.0.0.1:" + (8080 + offset) + "/");
        managementPort = 9990 + offset;
        wildfly = ServerProcess.start("wildfly-39", List.of(script.toString(), "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + offset, "-Djboss.server.base.dir=" + serverBase),
                serverBase.getParent(), Map.of("JAVA_HOME", System.getProperty("java.home"), "LAUNCH_JBOSS_IN_BACKGROUND", "true"));
        // WFLYSRV0025: started; WFLYSRV0026: started with errors, which the broken WAR causes.
        wildfly.awaitReady(Duration.ofSeconds(240), "WFLYSRV0025", "WFLYSRV0026");
    }

    @AfterAll
    static void stop() {
        if (wildfly != null) {
            wildfly.close();
        }
    }

    @Test
    void dropIn() {
        assertThat(deployments.resolve("app.war.deployed")).as("deployed" + wildfly.describe()).exists();
        DropInChecks.assertDropIn(base.resolve("app/api/"), wildfly::describe);
    }

    @Test
    void configurationMistakeFailsTheDeployment() {
        assertThat(deployments.resolve("broken.war.failed")).as("WildFly's marker of a failed deployment" + wildfly.describe()).exists();
        assertThat(deployments.resolve("broken.war.deployed")).doesNotExist();
        DropInChecks.assertLibraryMessage(wildfly.output());
        HttpResponse<String> response = DropInChecks.get(base.resolve("broken/api/items"), DropInChecks.APP);
        assertThat(response.statusCode()).as("nothing serves the failed deployment").isEqualTo(404);
    }

    /** The container checks credentials before any Jakarta REST code runs, and a preflight never has any. */
    @Test
    void securityConstraintAnswersThePreflightItself() {
        URI api = base.resolve("secured/api/");
        HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), DropInChecks.APP, "PUT");
        assertThat(preflight.statusCode()).as("preflight under the constraint").isEqualTo(401);
        assertThat(DropInChecks.header(preflight, "Access-Control-Allow-Origin")).as("so the browser sees a CORS failure").isEmpty();
        assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.APP).statusCode()).isEqualTo(401);
    }

    @Test
    void omittingOptionsFromTheConstraintLetsThePreflightReachTheLibrary() {
        URI api = base.resolve("secured-omission/api/");
        HttpResponse<String> preflight = DropInChecks.preflight(api.resolve("items/1"), DropInChecks.APP, "PUT");
        assertThat(preflight.statusCode()).as("preflight answered by the library" + wildfly.describe()).isEqualTo(204);
        assertThat(DropInChecks.header(preflight, "Access-Control-Allow-Origin")).contains(DropInChecks.APP);
        assertThat(DropInChecks.preflight(api.resolve("items/1"), DropInChecks.FOREIGN, "PUT").statusCode())
                .as("a foreign preflight is still refused").isEqualTo(403);

        HttpResponse<String> anonymous = DropInChecks.get(api.resolve("items"), DropInChecks.APP);
        assertThat(anonymous.statusCode()).as("the actual request still needs credentials").isEqualTo(401);
        System.out.println("wildfly: 401 of the container for an allowed origin carries ACAO "
                + DropInChecks.header(anonymous, "Access-Control-Allow-Origin").orElse("-"));

        HttpResponse<String> signedIn = Http.send("GET", api.resolve("items"), Map.of("Origin", DropInChecks.APP,
                "Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        assertThat(signedIn.statusCode()).as("with credentials").isEqualTo(200);
        assertThat(DropInChecks.header(signedIn, "Access-Control-Allow-Origin")).contains(DropInChecks.APP);
        // OPTIONS left the constraint, but a non-preflight OPTIONS request is not a CORS question.
    }

    @Test
    void unmappedException() {
        UnmappedException.assertReadable("wildfly-39", new UnmappedException.Deployment(base.resolve("app/api/"), wildfly, "app"),
                new UnmappedException.Deployment(base.resolve("plain/api/"), wildfly, "plain"));
    }

    /**
     * An operator changes the configuration of a running server: {@code cors.refresh-interval} picks
     * the change up without a redeployment, and undeploying the application ends its refresh thread
     * (a thread left behind would pin the application's class loader in the server).
     */
    @Test
    void refreshFollowsAConfigurationChangeAndEndsWithTheDeployment() throws Exception {
        URI api = base.resolve("refreshing/api/");
        assertThat(deployments.resolve("refreshing.war.deployed")).as("deployed" + wildfly.describe()).exists();
        assertThat(DropInChecks.get(api.resolve("items"), NEW_ORIGIN).statusCode()).as("before the change").isEqualTo(403);
        assertThat(refreshThreads()).as("refresh threads while deployed").isEqualTo(1);

        cli("/system-property=" + ORIGINS_PROPERTY + ":add(value=\"" + NEW_ORIGIN + "\")");
        long deadline = System.nanoTime() + CHANGE_WAIT.toNanos();
        HttpResponse<String> changed;
        while ((changed = DropInChecks.get(api.resolve("items"), NEW_ORIGIN)).statusCode() != 200) {
            assertThat(System.nanoTime()).as("new origin allowed within %s%s", CHANGE_WAIT, wildfly.describe()).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(DropInChecks.header(changed, "Access-Control-Allow-Origin")).contains(NEW_ORIGIN);
        assertThat(DropInChecks.get(api.resolve("items"), DropInChecks.APP).statusCode()).as("the old origin, after the change")
                .isEqualTo(403);
        assertThat(DropInChecks.get(base.resolve("app/api/items"), NEW_ORIGIN).statusCode())
                .as("another application on the server keeps its own configuration").isEqualTo(403);

        Files.delete(deployments.resolve("refreshing.war.deployed"));
        deadline = System.nanoTime() + CHANGE_WAIT.toNanos();
        while (!Files.exists(deployments.resolve("refreshing.war.undeployed")) || refreshThreads() != 0) {
            assertThat(System.nanoTime()).as("undeployed, refresh thread ended, within %s%s", CHANGE_WAIT, wildfly.describe())
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
        assertThat(DropInChecks.get(api.resolve("items"), NEW_ORIGIN).statusCode()).as("after undeployment").isEqualTo(404);
    }

    /** The compat application's configuration, its default origins read from a system property. */
    private static String refreshingConfig() {
        String config = Wars.config();
        String refreshing = config.replace("cors.allowed-origins=https://app.example.com\n",
                "cors.allowed-origins=${" + ORIGINS_PROPERTY + ":https://app.example.com}\ncors.refresh-interval=1s\n");
        if (refreshing.equals(config)) {
            throw new AssertionError("the configuration no longer has the line the refreshing variant edits");
        }
        return refreshing;
    }

    /** How many of the library's refresh threads the server's JVM runs, from WildFly's own thread dump. */
    private static int refreshThreads() {
        String dump = cli("/core-service=platform-mbean/type=threading:dump-all-threads(locked-monitors=false,locked-synchronizers=false)");
        return dump.split("\"thread-name\" => \"jaxrs-cors-refresh\"", -1).length - 1;
    }

    /** Runs one command of WildFly's management CLI against the running server and returns its output. */
    private static String cli(String command) {
        try {
            Process process = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                    "--controller=127.0.0.1:" + managementPort, "--command=" + command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("jboss-cli did not end: " + command);
            }
            assertThat(process.exitValue()).as("jboss-cli %s:%n%s", command, output).isZero();
            assertThat(output).as("jboss-cli %s", command).doesNotContain("\"outcome\" => \"failed\"");
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String securedWebXml(String omission) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>api</web-resource-name>
                      <url-pattern>/api/*</url-pattern>%s
                    </web-resource-collection>
                    <auth-constraint>
                      <role-name>user</role-name>
                    </auth-constraint>
                  </security-constraint>
                  <login-config>
                    <auth-method>BASIC</auth-method>
                    <realm-name>%s</realm-name>
                  </login-config>
                  <security-role>
                    <role-name>user</role-name>
                  </security-role>
                </web-app>
                """.formatted(omission, REALM);
    }

    /** What {@code bin/add-user.sh -a} writes: the user with HEX(MD5(user:realm:password)), and its role. */
    private static void addApplicationUser(Path configuration) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((USER + ":" + REALM + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            Files.writeString(configuration.resolve("application-users.properties"), "\n" + USER + "=" + HexFormat.of().formatHex(digest) + "\n",
                    StandardOpenOption.APPEND);
            Files.writeString(configuration.resolve("application-roles.properties"), "\n" + USER + "=user\n", StandardOpenOption.APPEND);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An offset that moves all of WildFly's default ports (8080, 8443, 9990, 9993) onto free ones. */
    private static int portOffset() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int offset = Ports.free() - 9993;
            if (offset > 0 && Stream.of(8080, 8443, 9990, 9993).allMatch(port -> Ports.isFree(port + offset))) {
                return offset;
            }
        }
        throw new AssertionError("no free port offset for WildFly");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
