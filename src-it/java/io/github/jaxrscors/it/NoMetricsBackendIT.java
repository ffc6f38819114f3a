package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application with neither Micrometer nor OpenTelemetry, which the library only declares as
 * provided: serving CORS requests must load none of their classes, nor the library's own classes
 * that name their types, as the JVM's class-loading log shows. The backends' entry points, which
 * look at class names only, are loaded: that the log lists them shows it lists the library's classes.
 */
class NoMetricsBackendIT {

    private static final List<String> BACKEND_PACKAGES = List.of("io/micrometer/", "io/opentelemetry/");
    /** {@code [0.123s][info][class,load] java.lang.Object source: shared objects file} */
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) ");

    private static final String MICROMETER = "io.github.jaxrscors.runtime.micrometer.";
    private static final String OPENTELEMETRY = "io.github.jaxrscors.runtime.opentelemetry.";
    private static final List<String> ENTRY_POINTS = List.of(MICROMETER + "MicrometerBackend", OPENTELEMETRY + "OpenTelemetryBackend",
            "io.github.jaxrscors.internal.deployment.MetricsBackends");

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void servingLoadsNoClassOfAnAbsentBackend(ServerRuntime runtime) throws Exception {
        assertHasNoBackend(runtime);
        List<String> loaded;
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.dropIn, runtime.classpath).configDirectory("dropin")
                .jvmArgument("-Xlog:class+load=info").start()) {
            assertThat(server.send("GET", "api/items", "Origin", "https://app.example.com").status()).isEqualTo(200);
            assertThat(server.send("GET", "api/items", "Origin", "https://evil.example.net").status()).isEqualTo(403);
            assertThat(server.send("OPTIONS", "api/items/7", "Origin", "https://app.example.com",
                    "Access-Control-Request-Method", "PUT").status()).isEqualTo(204);
            server.close();
            server.awaitExit();
            loaded = loadedClasses(server.output());
        }

        assertThat(loaded).as("the library's look at the backends, from the class-loading log").containsAll(ENTRY_POINTS);
        assertThat(loaded).as("classes of the absent backends, or of the library's code that names them")
                .noneMatch(name -> name.startsWith("io.micrometer.") || name.startsWith("io.opentelemetry.")
                        || (name.startsWith(MICROMETER) || name.startsWith(OPENTELEMETRY)) && !ENTRY_POINTS.contains(name));
    }

    private static List<String> loadedClasses(String output) {
        List<String> loaded = new ArrayList<>();
        Matcher matcher = LOADED.matcher(output);
        while (matcher.find()) {
            loaded.add(matcher.group(1));
        }
        return loaded;
    }

    /** Looks inside every jar the forked JVM gets, so that a jar bundling a backend under another name is caught too. */
    private static void assertHasNoBackend(ServerRuntime runtime) throws IOException {
        List<Path> jars = new ArrayList<>(List.of(Path.of(System.getProperty("it.library.jar")), Path.of(System.getProperty("it.apps.jar"))));
        String entries = Files.readString(Path.of(System.getProperty("it.classpath.dir"), runtime.classpath + ".txt")).trim();
        Stream.of(entries.split(File.pathSeparator)).map(Path::of).forEach(jars::add);

        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(entry -> entry.getName()).filter(name -> BACKEND_PACKAGES.stream().anyMatch(name::startsWith))
                        .findFirst().ifPresent(name -> found.add(jar.getFileName() + "!" + name));
            }
        }
        assertThat(found).as("metrics backends on the classpath").isEmpty();
    }
}
