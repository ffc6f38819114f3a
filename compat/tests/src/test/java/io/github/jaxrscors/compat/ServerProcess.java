package io.github.jaxrscors.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A server started as a child process, its output kept (in memory and in {@code target/server-logs})
 * for failure messages and log assertions. Closing it stops the whole process tree: start scripts
 * such as WildFly's run the JVM as a child of a shell.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    /** Stops the server should the test JVM itself be stopped before {@link #close()}. */
    private final Thread stopOnExit;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(() -> copyOutput(logFile), name + "-output");
        reader.setDaemon(true);
        reader.start();
        this.stopOnExit = new Thread(this::destroyTree, name + "-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static ServerProcess start(String name, List<String> command, Path workDir, Map<String, String> environment) {
        try {
            Path logs = Files.createDirectories(Path.of(System.getProperty("compat.logs")));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new ServerProcess(name, builder.start(), logs.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void copyOutput(Path logFile) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(logFile)) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException e) {
            output.append("[output lost: ").append(e).append("]\n");
        }
    }

    String output() {
        return output.toString();
    }

    /** Writes one line to the server's standard input, for servers that take commands there. */
    void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + name, e);
        }
    }

    /** How many live threads of the server's JVM carry this name, from the JDK's {@code jcmd Thread.print}. */
    int threadsNamed(String threadName) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new AssertionError("jcmd Thread.print failed for " + name + ":\n" + dump);
            }
            return dump.split("\n\"" + threadName + "\"", -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the output ends now, for {@link #outputSince}. */
    int mark() {
        return output.length();
    }

    /**
     * What the server wrote after {@code mark}, once it has written nothing new for {@code quiet}
     * (at most for {@code timeout}): a request's log lines come a moment after its response.
     */
    String outputSince(int mark, Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int length = output.length();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < quiet.toNanos()) {
            pause(50);
            if (output.length() != length) {
                length = output.length();
                quietSince = System.nanoTime();
            }
        }
        return output.substring(mark);
    }

    /** The server's output, for a failure message: its last lines are usually the ones that matter. */
    String describe() {
        String all = output();
        return "\n---- " + name + " output (last 12000 characters) ----\n"
                + all.substring(Math.max(0, all.length() - 12_000)) + "\n---- end of " + name + " output ----";
    }

    /**
     * Waits until the server says it is serving (one of {@code markers} in its output), failing with its
     * output if it exits or time runs out first. Its port may answer earlier, before the application is deployed.
     */
    void awaitReady(Duration timeout, String... markers) {
        if (!awaitOutput(timeout, markers)) {
            throw new AssertionError(name + (process.isAlive() ? " did not start within " + timeout : " exited with " + process.exitValue())
                    + describe());
        }
    }

    /** Waits until the output contains one of {@code texts}; false if the server exited or time ran out first. */
    boolean awaitOutput(Duration timeout, String... texts) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (contains(texts)) {
                return true;
            }
            if (!process.isAlive()) {
                joinReader();
                return contains(texts);
            }
            pause(100);
        }
        return false;
    }

    private boolean contains(String... texts) {
        for (String text : texts) {
            if (output.indexOf(text) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The exit status, if the process ended within {@code timeout}. */
    OptionalInt awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                joinReader();
                return OptionalInt.of(process.exitValue());
            }
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (ProcessHandle handle : destroyTree()) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        joinReader();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    /** Asks the process and all its descendants to stop (listed first: a start script's JVM outlives the script). */
    private List<ProcessHandle> destroyTree() {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        return tree;
    }

    private void joinReader() {
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
