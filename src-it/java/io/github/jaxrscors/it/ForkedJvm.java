package io.github.jaxrscors.it;

import io.github.jaxrscors.testing.LoopbackHttp;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.it.app.ForkedMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server in a JVM of its own, with exactly the classpath, environment and system properties a
 * user's deployment would have, and requests to it as a browser sends them (see {@link LoopbackHttp}).
 * The classpaths are written by maven-dependency-plugin ({@code target/it-classpath/<name>.txt}) so
 * that, for example, RESTEasy never meets Jersey.
 *
 * <pre>{@code
 * try (ForkedJvm server = new ForkedJvm.Spec(JerseyDropInServer.class, "jersey").configDirectory("dropin").start()) {
 *     Reply reply = server.send("GET", "api/items", "Origin", "https://app.example.com");
 * }
 * }</pre>
 *
 * Addresses other than the server's (a proxy in front of it, TLS) take {@link LoopbackHttp} directly.
 */
public final class ForkedJvm implements AutoCloseable {

    /** Generous for a cold JVM on a busy two-core machine; a healthy start takes one or two seconds. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final String description;
    private final Thread reader;

    private ForkedJvm(Process process, String description) {
        this.process = process;
        this.description = description;
        this.reader = new Thread(this::readOutput, "forked-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** What to start: main class, named dependency classpath, extra classpath entries, environment, system properties. */
    public static final class Spec {
        private final String mainClass;
        private final String classpathName;
        private final List<Path> extraClasspath = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private boolean withLibrary = true;
        private final List<String> jvmArguments = new ArrayList<>();

        public Spec(Class<?> mainClass, String classpathName) {
            this.mainClass = mainClass.getName();
            this.classpathName = classpathName;
        }

        /** Puts a directory of configuration files (e.g. one holding {@code META-INF/microprofile-config.properties}) first. */
        public Spec configDirectory(String name) {
            extraClasspath.add(Path.of(requiredProperty("it.config.dir"), name));
            return this;
        }

        /**
         * Leaves the library's jar off the classpath: the same application as its users ran it before
         * they added the jar, to compare answers with.
         */
        public Spec withoutLibrary() {
            withLibrary = false;
            return this;
        }

        public Spec env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Spec systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        /** An option of the JVM itself, such as {@code -Xlog:class+load=info}. */
        public Spec jvmArgument(String argument) {
            jvmArguments.add(argument);
            return this;
        }

        public ForkedJvm start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.add("-XX:TieredStopAtLevel=1");
            command.addAll(jvmArguments);
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-cp");
            command.add(classpath());
            command.add(mainClass);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // A clean slate: no cors.* or CORS_* leaking in from the environment running the build.
            builder.environment().keySet().removeIf(k -> k.toUpperCase().startsWith("CORS"));
            builder.environment().putAll(environment);
            return new ForkedJvm(builder.start(), mainClass + " on classpath '" + classpathName + "'"
                    + (withLibrary ? "" : " without the library") + " env " + environment + " properties " + systemProperties
                    + " options " + jvmArguments);
        }

        private String classpath() throws IOException {
            List<String> entries = new ArrayList<>();
            extraClasspath.forEach(p -> entries.add(p.toString()));
            // The packaged jar, as users get it, and the test applications without the unit tests' resources.
            if (withLibrary) {
                entries.add(requiredProperty("it.library.jar"));
            }
            entries.add(requiredProperty("it.apps.jar"));
            entries.add(Files.readString(Path.of(requiredProperty("it.classpath.dir"), classpathName + ".txt")).trim());
            return String.join(File.pathSeparator, entries);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run the integration tests "
                    + "through Maven (mvn verify), whose Failsafe configuration sets it");
        }
        return value;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith(ForkedMain.LISTENING)) {
                    port.complete(Integer.parseInt(line.substring(ForkedMain.LISTENING.length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            output.append("[output unreadable: ").append(e).append("]\n");
        } finally {
            port.completeExceptionally(new IllegalStateException("exited before listening"));
        }
    }

    /** The server's base URI once it listens; fails with the JVM's output if it does not start in time. */
    public URI awaitListening() {
        try {
            return URI.create("http://127.0.0.1:" + port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) + "/");
        } catch (Exception e) {
            throw new AssertionError("forked server did not start (" + description + "): " + e + "\n--- its output ---\n" + output, e);
        }
    }

    /** Waits for the JVM to end by itself; fails if it is still running after the start timeout. */
    public int awaitExit() throws InterruptedException, TimeoutException {
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new TimeoutException("still running after " + START_TIMEOUT + ": " + description + "\n" + output);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /**
     * Sends a request to {@code path} below the server's root once it listens; {@code headers}
     * alternate name and value, a name given twice goes out on two lines.
     */
    public Reply send(String method, String path, String... headers) {
        return LoopbackHttp.plain().send(method, awaitListening().resolve(path), headers);
    }

    public String output() {
        return output.toString();
    }

    /** Closes the server's standard input, on which it stops; kills it if it lingers or we are interrupted. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already gone.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
