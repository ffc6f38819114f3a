package io.github.jaxrscors.it.app;

import jakarta.ws.rs.core.Application;
import java.io.IOException;

/** The protocol between a server started in its own JVM and {@code ForkedJvm}, which started it. */
public final class ForkedMain {

    /** The line a forked server prints once it accepts connections. */
    public static final String LISTENING = "LISTENING ";

    /** The line a server that counts them prints after its shutdown: how many refresh threads are left. */
    public static final String THREADS_AFTER_SHUTDOWN = "REFRESH THREADS AFTER SHUTDOWN ";

    /** The system property naming the application a generic server deploys ({@code JerseyServer}, {@code RestEasyServer}). */
    public static final String APPLICATION = "it.application";

    /** A started server: the port it listens on, and how to stop it. */
    public record Started(int port, Runnable stop) {
    }

    @FunctionalInterface
    public interface Starter {
        Started start() throws Exception;
    }

    private ForkedMain() {
    }

    /** The application named by {@value #APPLICATION}. */
    public static Class<? extends Application> application() throws ClassNotFoundException {
        String name = System.getProperty(APPLICATION);
        if (name == null) {
            throw new IllegalStateException("-D" + APPLICATION + "=<Application class> names the application to deploy");
        }
        return Class.forName(name).asSubclass(Application.class);
    }

    /**
     * Starts the server and announces its port, then serves until the parent closes our standard
     * input (or dies), so a crashed test run leaves no server behind. A failed start ends the JVM
     * with status 1 at once, even if the runtime left non-daemon threads running.
     */
    public static void serve(Starter starter) {
        Started started;
        try {
            started = starter.start();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println(LISTENING + started.port());
        System.out.flush();
        try {
            while (System.in.read() != -1) {
                // Only the end of the stream matters.
            }
        } catch (IOException e) {
            // The parent is gone either way.
        }
        started.stop().run();
        System.exit(0);
    }
}
