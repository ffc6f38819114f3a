package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Applications without any MicroProfile Config, not even its API, which the library only declares
 * as provided: a policy given in code must work, and the drop-in, which has nothing to read its
 * policy with, must stop the application with the library's own message naming the fix rather
 * than with a {@code NoClassDefFoundError}.
 */
class NoConfigApiIT {

    private static final String CONFIG_PACKAGE = "org/eclipse/microprofile/config/";
    /** The runtime's classpath without the MicroProfile Config API. */
    private static final String WITHOUT = "without-config-api";

    /**
     * Looks inside every jar the forked JVM gets, the library's own included, so that an
     * artifact bundling the API under another name would be caught too.
     */
    private static void assertHasNoConfigApi(ServerRuntime runtime) throws IOException {
        List<Path> jars = new ArrayList<>(List.of(Path.of(System.getProperty("it.library.jar")),
                Path.of(System.getProperty("it.apps.jar"))));
        String entries = Files.readString(Path.of(System.getProperty("it.classpath.dir"), runtime.classpath(WITHOUT) + ".txt")).trim();
        Stream.of(entries.split(File.pathSeparator)).map(Path::of).forEach(jars::add);
        assertThat(jars).as("the runtime's own jars").anyMatch(jar -> jar.getFileName().toString()
                .startsWith(runtime == ServerRuntime.JERSEY ? "jersey-server-" : "resteasy-core-"));

        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(entry -> entry.getName()).filter(name -> name.startsWith(CONFIG_PACKAGE))
                        .findFirst().ifPresent(name -> found.add(jar.getFileName() + "!" + name));
            }
        }
        assertThat(found).as("MicroProfile Config classes on the classpath").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void policyGivenInCodeNeedsNoConfigApi(ServerRuntime runtime) throws Exception {
        assertHasNoConfigApi(runtime);
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.programmatic, runtime.classpath(WITHOUT)).start()) {
            ForkedAppChecks.assertServesThePolicyInCode(server);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void dropInStopsTheApplicationNamingTheFix(ServerRuntime runtime) throws Exception {
        assertHasNoConfigApi(runtime);
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.dropIn, runtime.classpath(WITHOUT)).configDirectory("dropin").start()) {
            ForkedAppChecks.assertDropInStopsForWantOfConfig(server);
        }
    }
}
