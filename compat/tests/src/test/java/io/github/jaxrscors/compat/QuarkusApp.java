package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** A Quarkus JVM build ({@code target/quarkus-app/quarkus-run.jar}), started as {@code java -jar}. */
final class QuarkusApp {

    private QuarkusApp() {
    }

    /**
     * Runs the drop-in checks; then checks the unmapped exception against the same application built
     * without the library ({@code <module>-plain}).
     */
    static void assertDropIn(String name, String module) {
        int port = Ports.free();
        int plainPort = Ports.free();
        try (ServerProcess server = ServerProcess.start(name, command(module, port), Modules.tempDir(name), Map.of());
                ServerProcess plain = ServerProcess.start(name + "-without-library", command(module + "-plain", plainPort),
                        Modules.tempDir(name + "-without-library"), Map.of())) {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/");
            server.awaitReady(PlainJvm.START, "Listening on: http://127.0.0.1:" + port);
            plain.awaitReady(PlainJvm.START, "Listening on: http://127.0.0.1:" + plainPort);
            DropInChecks.assertDropIn(api, server::describe);
            UnmappedException.assertReadable(name, new UnmappedException.Deployment(api, server, null),
                    new UnmappedException.Deployment(URI.create("http://127.0.0.1:" + plainPort + "/api/"), plain, null));
        }
    }

    /**
     * The mistake in {@code config/application.properties} of the working directory, where Quarkus
     * reads a deployment's own settings at start: the application must not start.
     */
    static void assertRefusesToStart(String name, String module) {
        Path workDir = Modules.tempDir(name);
        try {
            Files.createDirectories(workDir.resolve("config"));
            Files.writeString(workDir.resolve("config/application.properties"), "cors.allowed-origins=" + Modules.BAD_ORIGIN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ServerProcess server = ServerProcess.start(name + "-bad-config", command(module, Ports.free()), workDir, Map.of())) {
            OptionalInt exit = server.awaitExit(PlainJvm.START);
            assertThat(exit).as("the application stops instead of serving" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).as("exit status" + server.describe()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
        }
    }

    static List<String> command(String module, int port) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-Dquarkus.banner.enabled=false",
                "-jar", Modules.target(module, "quarkus-app/quarkus-run.jar").toString());
    }
}
