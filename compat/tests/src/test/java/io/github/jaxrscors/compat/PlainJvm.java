package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The runtimes an application embeds and starts from its own {@code main}: Jersey, RESTEasy, CXF. */
final class PlainJvm {

    static final Duration START = Duration.ofSeconds(90);

    private PlainJvm() {
    }

    /**
     * Starts {@code main <port> <args>} of {@code module} and runs the drop-in checks; then checks the
     * unmapped exception against the same application started without the library.
     */
    static void assertDropIn(String name, String module, String mainClass, String... args) {
        int port = Ports.free();
        int plainPort = Ports.free();
        try (ServerProcess server = ServerProcess.start(name,
                        Modules.javaCommand(module, mainClass, Map.of(), arguments(port, args)), Modules.dir(module), Map.of());
                ServerProcess plain = ServerProcess.start(name + "-without-library",
                        Modules.javaCommandWithoutLibrary(module, mainClass, arguments(plainPort, args)), Modules.dir(module), Map.of())) {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/");
            server.awaitReady(START, "started http");
            plain.awaitReady(START, "started http");
            DropInChecks.assertDropIn(api, server::describe);
            UnmappedException.assertReadable(name, new UnmappedException.Deployment(api, server, null),
                    new UnmappedException.Deployment(URI.create("http://127.0.0.1:" + plainPort + "/api/"), plain, null));
        }
    }

    /**
     * The configuration mistake given as a system property (which overrides the application's file):
     * the application must not start, and must say why in the library's words.
     */
    static void assertRefusesToStart(String name, String module, String mainClass, String... args) {
        int port = Ports.free();
        try (ServerProcess server = ServerProcess.start(name + "-bad-config",
                Modules.javaCommand(module, mainClass, Map.of("cors.allowed-origins", Modules.BAD_ORIGIN), arguments(port, args)),
                Modules.dir(module), Map.of())) {
            OptionalInt exit = server.awaitExit(START);
            assertThat(exit).as("the application stops instead of serving" + server.describe()).isPresent();
            assertThat(exit.getAsInt()).as("exit status" + server.describe()).isNotZero();
            DropInChecks.assertLibraryMessage(server.output());
        }
    }

    private static String[] arguments(int port, String... args) {
        List<String> all = new ArrayList<>();
        all.add(Integer.toString(port));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
