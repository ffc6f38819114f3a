package io.github.jaxrscors.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The Spring Boot application of {@code compat/spring-boot-jersey}, started as a plain JVM from its
 * module's classpath, on a free loopback port, in a working directory whose
 * {@code config/application.yml} holds the row's {@code cors.*} keys. Its classpath holds Spring
 * Security; each row leaves out what its application does not have.
 */
final class SpringBootApp {

    static final String MODULE = "spring-boot-jersey";
    static final String MAIN = "io.github.jaxrscors.compat.spring.Main";
    /** An origin that Spring's own CORS configuration of the application allows, and the library does not. */
    static final String SPRING_ONLY = "https://spring.example.org";
    /** The one user of the application's Spring Security configuration. */
    static final String BASIC_CREDENTIALS = "Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));

    static final Predicate<String> SECURITY = jar -> jar.startsWith("spring-security-") || jar.startsWith("spring-boot-security")
            || jar.startsWith("spring-boot-starter-security");
    static final Predicate<String> LIBRARY = jar -> jar.startsWith("jaxrs-cors");

    /** What the module's classpath holds beyond the plain application, each for one row and left out of every other. */
    enum Extra {
        /** Spring Cloud's context, whose refresh reads the configuration files again. */
        SPRING_CLOUD(jar -> jar.startsWith("spring-cloud-")),
        /** Actuator with Micrometer's Prometheus registry: {@code /actuator/prometheus}. */
        ACTUATOR_PROMETHEUS(jar -> Stream.of("spring-boot-starter-actuator", "spring-boot-actuator", "spring-boot-health",
                "spring-boot-starter-micrometer-", "spring-boot-micrometer-", "micrometer-core", "micrometer-jakarta9",
                "micrometer-registry-", "prometheus-metrics-", "HdrHistogram", "LatencyUtils").anyMatch(jar::startsWith));

        final Predicate<String> jars;

        Extra(Predicate<String> jars) {
            this.jars = jars;
        }
    }

    private SpringBootApp() {
    }

    /**
     * Starts the plain application without the jars {@code leaveOut} names; {@code args} are Spring
     * properties ({@code --key=value}).
     */
    static ServerProcess start(String name, int port, Predicate<String> leaveOut, Path workDir, Map<String, String> environment,
            Map<String, String> systemProperties, String... args) {
        return launch(null, name, port, leaveOut, workDir, environment, systemProperties, args);
    }

    /** The same, with {@code extra}. */
    static ServerProcess startWith(Extra extra, String name, int port, Predicate<String> leaveOut, Path workDir,
            Map<String, String> environment, String... args) {
        return launch(extra, name, port, leaveOut, workDir, environment, Map.of(), args);
    }

    private static ServerProcess launch(Extra with, String name, int port, Predicate<String> leaveOut, Path workDir,
            Map<String, String> environment, Map<String, String> systemProperties, String... args) {
        for (Extra extra : Extra.values()) {
            if (extra != with) {
                leaveOut = leaveOut.or(extra.jars);
            }
        }
        List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
        all.addAll(List.of(args));
        return ServerProcess.start(name, Modules.javaCommand(MODULE, leaveOut, MAIN, systemProperties, all.toArray(String[]::new)),
                workDir, environment);
    }

    /** A working directory whose {@code config/application.yml}, which Spring Boot reads at start, is {@code yaml}. */
    static Path workDir(String name, String yaml) {
        Path dir = Modules.tempDir(name);
        try {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/application.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** What {@code Main} prints once Spring Boot has started: the web server and Jersey's servlet are up. */
    static String ready(int port) {
        return "started http://127.0.0.1:" + port + "/";
    }

    static URI api(int port) {
        return URI.create("http://127.0.0.1:" + port + "/api/");
    }

    static HttpResponse<String> authenticatedGet(URI uri, String origin) {
        return Http.send("GET", uri, Map.of("Origin", origin, "Authorization", BASIC_CREDENTIALS));
    }
}
