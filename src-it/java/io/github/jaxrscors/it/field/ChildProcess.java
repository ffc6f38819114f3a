package io.github.jaxrscors.it.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A program of the machine's own (nginx, varnishd) running as a child of the test JVM. */
final class ChildProcess implements AutoCloseable {

    /** A healthy start takes well under a second; Varnish compiles its VCL with a C compiler first. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Process process;

    ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** A port nobody listens on now, for a child to listen on next. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once the child accepts connections on {@code 127.0.0.1:port}; fails if it dies or takes too long. */
    void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with status " + process.exitValue()
                        + " before listening on 127.0.0.1:" + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " is not listening on 127.0.0.1:" + port + " after " + START_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM (nginx and varnishd stop their workers on it), then SIGKILL if it lingers or we are interrupted. */
    @Override
    public void close() {
        process.destroy();
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
