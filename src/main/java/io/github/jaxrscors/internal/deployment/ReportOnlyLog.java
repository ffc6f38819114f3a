package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.Reason;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The WARNING lines of report-only policies ({@code report-only: would refuse …}), bounded: at most
 * {@value #LINES_PER_WINDOW} lines a minute per application, however many distinct origins a flood
 * brings; the refusals past that are only counted, by reason, and summed up in one line once the
 * minute is over, whether or not anything is refused after it. It holds a handful of counters,
 * never a request's values.
 */
final class ReportOnlyLog {

    static final int LINES_PER_WINDOW = 50;
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    /** Runs a task once, after a delay. */
    interface Timer {
        void runAfter(long delayNanos, Runnable task);
    }

    private final LongSupplier clock;
    private final Timer timer;
    private long windowStart;
    private int logged;
    private final Map<Reason, Long> suppressed = new EnumMap<>(Reason.class);

    ReportOnlyLog() {
        this(System::nanoTime, ReportOnlyLog::inAThreadOfItsOwn);
    }

    ReportOnlyLog(LongSupplier clock, Timer timer) {
        this.clock = clock;
        this.timer = timer;
        this.windowStart = clock.getAsLong();
    }

    /**
     * A daemon thread that sleeps until the minute is over, writes its summary and ends: one a minute
     * at most, and only in a minute that suppressed a line. Not a shared scheduler: the JDK's
     * (behind {@code CompletableFuture.delayedExecutor}) would be created by the request thread that
     * first used it and keep that thread's context class loader, the application's, for the JVM's life.
     * It keeps the request thread's context class loader, for the logging backend, but none of its
     * inheritable thread-local values, which may belong to the request.
     */
    private static void inAThreadOfItsOwn(long delayNanos, Runnable task) {
        Thread thread = new Thread(null, () -> {
            try {
                TimeUnit.NANOSECONDS.sleep(delayNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            task.run();
        }, "jaxrs-cors-report-only-summary", 0, false);
        thread.setDaemon(true);
        thread.start();
    }

    static boolean enabled() {
        return LOG.isLoggable(Level.WARNING);
    }

    /** A refusal a report-only policy would have made; {@code line} is asked for only when it is logged. */
    synchronized void wouldRefuse(Reason reason, Supplier<String> line) {
        long now = clock.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            summarise();
            windowStart = now;
            logged = 0;
        }
        if (logged < LINES_PER_WINDOW) {
            logged++;
            LOG.log(Level.WARNING, "report-only: would refuse " + line.get());
        } else {
            if (suppressed.isEmpty()) {
                long window = windowStart;
                try {
                    timer.runAfter(window + WINDOW_NANOS - now, () -> windowEnded(window));
                } catch (RuntimeException | OutOfMemoryError noThread) {
                    // A thread refused (a security policy, or no memory for its stack) fails no request:
                    // the next would-be refusal after the minute writes the summary.
                }
            }
            suppressed.merge(reason, 1L, Long::sum);
        }
    }

    /** The minute that began at {@code window} is over: its summary, unless a refusal since then wrote it. */
    private synchronized void windowEnded(long window) {
        if (windowStart == window) {
            summarise();
        }
    }

    private void summarise() {
        if (suppressed.isEmpty()) {
            return;
        }
        long total = suppressed.values().stream().mapToLong(Long::longValue).sum();
        StringJoiner byReason = new StringJoiner(", ");
        suppressed.forEach((reason, count) -> byReason.add(reason.attribute() + " " + count));
        LOG.log(Level.WARNING, "report-only: " + total + " more would-be refusals were not logged in the minute before "
                + "(at most " + LINES_PER_WINDOW + " lines a minute): " + byReason + "; the cors.requests metric counts them all");
        suppressed.clear();
    }
}
