package io.github.jaxrscors.it.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Everything a test class starts — the application, proxies, caches, the browser — and the
 * temporary folder holding their configuration: all stopped after the class whatever happened, and
 * their logs appended to any failure, since a proxy's error log often says more than the assertion.
 */
final class ChildProcesses implements AfterAllCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** Enough of each log to see why something failed, short enough to read in a test report. */
    private static final int LOG_TAIL = 4_000;

    private record Part(String name, AutoCloseable stop, Supplier<String> log) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();
    private Path directory;

    /**
     * The class's temporary folder. Readable by all: varnishd and nginx's workers drop root for
     * users of their own, which must still read the configuration and write below it.
     */
    synchronized Path directory() throws IOException {
        if (directory == null) {
            directory = Files.createTempDirectory("jaxrs-cors-field");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path created = directory;
            parts.push(new Part("temporary folder " + created, () -> delete(created), () -> ""));
        }
        return directory;
    }

    /** Stops {@code part} after the class, and shows {@code log} with any failure. */
    synchronized <T> T register(String name, T part, AutoCloseable stop, Supplier<String> log) {
        parts.push(new Part(name, stop, log));
        return part;
    }

    /** Starts a long-running program with its output in a file; {@code logs} are files it writes itself. */
    ChildProcess start(String name, List<String> command, Path... logs) throws IOException {
        Path output = directory().resolve(name + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ChildProcess child = new ChildProcess(name, process);
        List<Path> all = new ArrayList<>(List.of(output));
        all.addAll(List.of(logs));
        register(name + " " + String.join(" ", command), child, child, () -> tails(all));
        return child;
    }

    /** Runs a program to its end; fails with its output unless it succeeds within half a minute. */
    void run(String name, List<String> command) throws IOException, InterruptedException {
        Path output = directory().resolve(name + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish in 30 s:\n" + tails(List.of(output)));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + tails(List.of(output)));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<Exception> failures = new ArrayList<>();
        synchronized (this) {
            while (!parts.isEmpty()) {
                Part part = parts.pop();
                try {
                    part.stop().close();
                } catch (Exception e) {
                    failures.add(new IllegalStateException("could not stop " + part.name(), e));
                }
            }
            directory = null;
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) {
        throw withLogs(failure);
    }

    private AssertionError withLogs(Throwable failure) {
        StringBuilder message = new StringBuilder(String.valueOf(failure.getMessage()));
        synchronized (this) {
            for (Part part : parts) {
                String log = part.log().get();
                if (!log.isEmpty()) {
                    message.append("\n\n===== ").append(part.name()).append(" =====\n").append(log);
                }
            }
        }
        return new AssertionError(message.toString(), failure);
    }

    private static String tails(List<Path> files) {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append("--- ").append(file.getFileName()).append(" ---\n");
            try {
                String content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(not written)";
                text.append(content.length() > LOG_TAIL ? "[...]" + content.substring(content.length() - LOG_TAIL) : content);
            } catch (IOException | UncheckedIOException e) {
                text.append("(unreadable: ").append(e).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
