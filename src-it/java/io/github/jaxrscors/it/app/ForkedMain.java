package io.github.jaxrscors.it.app;

import java.io.IOException;

/** The protocol between a server started in its own JVM and {@code ForkedJvm}, which started it. */
public final class ForkedMain {

    /** The line a forked server prints once it accepts connections. */
    public static final String LISTENING = "LISTENING ";

    private ForkedMain() {
    }

    /**
     * Announces the port, then serves until the parent closes our standard input (or dies), so a
     * crashed test run leaves no server behind.
     */
    public static void serveUntilParentLeaves(int port, Runnable stop) throws IOException {
        System.out.println(LISTENING + port);
        System.out.flush();
        while (System.in.read() != -1) {
            // Only the end of the stream matters.
        }
        stop.run();
        System.exit(0);
    }
}
