package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-reads an application's configuration at {@code cors.refresh-interval} on one daemon thread of
 * its own. A bad configuration is never served: the current generation keeps answering, and the
 * problems are logged at WARNING once for as long as they stay the same, and once at INFO when they
 * are gone. The thread holds its deployment weakly, so that an application that is dropped without
 * being shut down does not keep it alive.
 */
final class RefreshSchedule {

    public static final String THREAD_NAME = "jaxrs-cors-refresh";

    /** Long enough for a refresh under way to read a slow source; a shutdown is never held longer. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    private final ScheduledExecutorService executor;
    private List<Problem> reported = List.of();

    private RefreshSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static RefreshSchedule start(Deployment deployment, Duration interval) {
        // Configuration sources may look resources up through the context class loader: the application's.
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        });
        RefreshSchedule schedule = new RefreshSchedule(executor);
        WeakReference<Deployment> target = new WeakReference<>(deployment);
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> schedule.refresh(target), millis, millis, TimeUnit.MILLISECONDS);
        return schedule;
    }

    /** Ends the thread; waits a little for it, so that the application's shutdown leaves no thread behind. */
    void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refresh(WeakReference<Deployment> target) {
        Deployment deployment = target.get();
        if (deployment == null) {
            executor.shutdown();
            return;
        }
        try {
            boolean changed = deployment.reload();
            if (!reported.isEmpty()) {
                reported = List.of();
                LOG.log(Level.INFO, "CORS configuration is valid again; " + (changed ? "the new policy is active"
                        : "the policy in use is unchanged"));
            } else if (changed) {
                LOG.log(Level.INFO, "CORS configuration changed; the new policy is active");
            }
        } catch (CorsConfigException e) {
            if (!e.problems().equals(reported)) {
                reported = e.problems();
                LOG.log(Level.WARNING, "CORS configuration changed but is not valid; the previous policy stays in use. "
                        + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CORS configuration could not be read again; the previous policy stays in use", e);
        }
    }
}
