package io.github.jaxrscors.compat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Where the other modules of the matrix left their builds, and how to start the plain-JVM ones. */
final class Modules {

    /** The configuration mistake every runtime must refuse: an origin with a trailing slash. */
    static final String BAD_ORIGIN = "https://app.example.com/";

    /** For {@link #javaCommand(String, Predicate, String, Map, String...)}: the whole classpath. */
    static final Predicate<String> NOTHING = jar -> false;

    private Modules() {
    }

    static Path dir(String module) {
        return Path.of(System.getProperty("compat.dir"), module);
    }

    static Path target(String module, String file) {
        Path path = dir(module).resolve("target").resolve(file);
        if (!Files.exists(path)) {
            throw new AssertionError(path + " is missing: build the matrix with `mvn -B -ntp -f compat/pom.xml -DskipTests verify` from the repository root");
        }
        return path;
    }

    /** {@code java -cp <module classes and dependencies> <system properties> <main> <args>}, with the default JDK. */
    static List<String> javaCommand(String module, String mainClass, Map<String, String> systemProperties, String... args) {
        return javaCommand(defaultJava(), module, true, mainClass, systemProperties, args);
    }

    /** The same without the library's jar on the classpath: the application as the runtime serves it alone. */
    static List<String> javaCommandWithoutLibrary(String module, String mainClass, String... args) {
        return javaCommand(defaultJava(), module, false, mainClass, Map.of(), args);
    }

    /** As above, with the given {@code java} launcher, with or without the library's jar. */
    static List<String> javaCommand(Path java, String module, boolean withLibrary, String mainClass,
            Map<String, String> systemProperties, String... args) {
        return javaCommand(java, module, withLibrary ? NOTHING : jar -> jar.startsWith("jaxrs-cors"), mainClass, systemProperties, args);
    }

    /**
     * With the default JDK, without the jars whose file names {@code leaveOut} accepts: the
     * application as it runs when its build leaves those dependencies out.
     */
    static List<String> javaCommand(String module, Predicate<String> leaveOut, String mainClass,
            Map<String, String> systemProperties, String... args) {
        return javaCommand(defaultJava(), module, leaveOut, mainClass, systemProperties, args);
    }

    private static List<String> javaCommand(Path java, String module, Predicate<String> leaveOut, String mainClass,
            Map<String, String> systemProperties, String... args) {
        List<String> classpath = new ArrayList<>(List.of(read(target(module, "classpath.txt")).split(File.pathSeparator)));
        int all = classpath.size();
        classpath.removeIf(entry -> leaveOut.test(Path.of(entry).getFileName().toString()));
        if (classpath.size() == all && leaveOut != NOTHING) {
            throw new AssertionError(module + "'s classpath has none of the jars to leave out");
        }
        classpath.add(0, target(module, "classes").toString());
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static Path defaultJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The {@code java} of a JDK 21 or newer, for the runtimes that need one (Payara Micro 7, Helidon MP 4). */
    static Path java21(String runtime) {
        Path java = Path.of(System.getProperty("java21.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new AssertionError(runtime + " needs Java 21 or newer, expected at " + java
                    + "; install a JDK 21+ there or pass -Djava21.home=<JDK home>");
        }
        return java;
    }

    /** A fresh folder under {@code target/work}, which the next clean build removes with everything the servers wrote. */
    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("compat.work"))), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
