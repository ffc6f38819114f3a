package io.github.jaxrscors.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The Dropwizard service of {@code compat/dropwizard}, started as {@code Main server config.yml} from a folder of its own. */
final class DropwizardApp {

    static final String MODULE = "dropwizard";
    static final String MAIN = "io.github.jaxrscors.compat.dropwizard.Main";
    /** An origin that Jetty's CrossOriginFilter of the application allows, and the library does not. */
    static final String JETTY_ONLY = "https://jetty.example.org";

    private DropwizardApp() {
    }

    /** The server section every row uses: one loopback connector, the resources under {@code /api}. */
    static String yaml(int port) {
        return """
                server:
                  type: simple
                  rootPath: /api/*
                  applicationContextPath: /
                  connector:
                    type: http
                    port: %d
                    bindHost: 127.0.0.1
                """.formatted(port);
    }

    /** Writes {@code config.yml} into a fresh folder and starts {@code server config.yml} there. */
    static ServerProcess start(String name, String yaml, Predicate<String> leaveOut, Map<String, String> systemProperties,
            Map<String, String> environment) {
        return start(name, Modules.tempDir(name), yaml, leaveOut, systemProperties, environment);
    }

    /** The same in {@code dir}, where a row may change {@code config.yml} while the service runs. */
    static ServerProcess start(String name, Path dir, String yaml, Predicate<String> leaveOut, Map<String, String> systemProperties,
            Map<String, String> environment) {
        try {
            Files.writeString(dir.resolve("config.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = Modules.javaCommand(MODULE, leaveOut, MAIN, systemProperties, "server", "config.yml");
        return ServerProcess.start(name, command, dir, environment);
    }

    static String ready(int port) {
        return "started http://127.0.0.1:" + port + "/";
    }

    static URI api(int port) {
        return URI.create("http://127.0.0.1:" + port + "/api/");
    }
}
