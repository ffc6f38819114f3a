package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The log of a forked server, read line by line from a mark: a line is written while the request
 * is served, but reaches us through a pipe, so a test waits for it.
 */
final class ServerLog {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ForkedJvm server;
    private final int from;

    private ServerLog(ForkedJvm server, int from) {
        this.server = server;
        this.from = from;
    }

    /** What the server logs from now on. */
    static ServerLog from(ForkedJvm server) {
        return new ServerLog(server, server.output().length());
    }

    /** Every line logged since the mark, whole lines only. */
    List<String> lines() {
        String since = server.output().substring(from);
        int end = since.lastIndexOf('\n');
        return end < 0 ? List.of() : since.substring(0, end).lines().toList();
    }

    List<String> lines(Predicate<String> matching) {
        return lines().stream().filter(matching).toList();
    }

    /** The first line since the mark that matches, once it arrived; fails after ten seconds. */
    String await(String description, Predicate<String> matching) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> found = lines(matching);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            assertThat(System.nanoTime()).as("%s logged within %s; the log since:\n%s", description, WAIT,
                    String.join("\n", lines())).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
