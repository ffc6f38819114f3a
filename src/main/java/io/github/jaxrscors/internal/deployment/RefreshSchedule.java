package io.github.jaxrscors.internal.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-reads an application's configuration at {@code cors.refresh-interval} on one daemon thread of
 * its own ({@link Deployment#refresh()}: a bad configuration is never served, the current generation
 * keeps answering, and the problems are logged once). The thread holds its deployment weakly, so
 * that an application that is dropped without being shut down does not keep it alive, and it ends
 * once the class loader of the library's classes is closed, as servers close an undeployed
 * application's.
 */
final class RefreshSchedule {

    public static final String THREAD_NAME = "jaxrs-cors-refresh";

    /** Long enough for a refresh under way to read a slow source; a shutdown is never held longer. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    /** The library's own class file, which its class loader reads for as long as the loader is open. */
    private static final String OWN_CLASS_FILE = RefreshSchedule.class.getName().replace('.', '/') + ".class";
    /** The loader of the library's classes: the application's, where the library is in the application. */
    private static final ClassLoader LIBRARY_LOADER = RefreshSchedule.class.getClassLoader();

    private final ScheduledExecutorService executor;
    /**
     * Whether that loader read the class file when the schedule started. Where it could not (a loader
     * that keeps no class files, as in a native image), its answer later says nothing either.
     */
    private final boolean libraryLoaderAnswers = libraryLoaderReads();
    /** The executor's one thread, once it made it: its end, not the executor's, is what a shutdown waits for. */
    private volatile Thread thread;

    /** {@code application}: the context class loader of the thread, as configuration sources may need it. */
    private RefreshSchedule(ClassLoader application) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread made = new Thread(task, THREAD_NAME);
            made.setDaemon(true);
            made.setContextClassLoader(application);
            thread = made;
            return made;
        });
    }

    static RefreshSchedule start(Deployment deployment, Duration interval) {
        // Configuration sources may look resources up through the context class loader: the application's.
        RefreshSchedule schedule = new RefreshSchedule(Thread.currentThread().getContextClassLoader());
        WeakReference<Deployment> target = new WeakReference<>(deployment);
        long millis = interval.toMillis();
        schedule.executor.scheduleWithFixedDelay(() -> schedule.refresh(target), millis, millis, TimeUnit.MILLISECONDS);
        return schedule;
    }

    /**
     * Ends the thread; waits a little for it, so that the application's shutdown leaves no thread
     * behind. The executor reports itself terminated from its thread, which lives on for a moment
     * after: the wait is for the thread itself.
     */
    void stop() {
        executor.shutdownNow();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Thread ending = thread;
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (ending != null && left > 0) {
                ending.join(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the loader of the library's classes still reads its class files. Reads one rather than
     * asking for its address: a closed loader may still know where a file was (Open Liberty's does).
     */
    private static boolean libraryLoaderReads() {
        if (LIBRARY_LOADER == null) {
            return false;
        }
        try (InputStream classFile = LIBRARY_LOADER.getResourceAsStream(OWN_CLASS_FILE)) {
            return classFile != null && classFile.read() != -1;
        } catch (IOException | RuntimeException closed) {
            return false;
        }
    }

    private void refresh(WeakReference<Deployment> target) {
        Deployment deployment = target.get();
        if (deployment == null) {
            executor.shutdown();
            return;
        }
        if (libraryLoaderClosed()) {
            // A server undeployed the application without telling the library (Jakarta REST has no
            // such event) and closed its class loader, which this thread would otherwise pin.
            endUndeployed();
            return;
        }
        try {
            deployment.refresh();
        } catch (LinkageError e) {
            // The executor would cancel the task and keep its idle thread: end both, and say why.
            if (libraryLoaderClosed()) {
                endUndeployed();
            } else {
                executor.shutdown();
                LOG.log(Level.WARNING, "CORS configuration refresh failed and has ended; the policy in use stays until "
                        + "the application restarts", e);
            }
        }
    }

    /** Whether the loader that read the library's class file at the start can no longer read it. */
    private boolean libraryLoaderClosed() {
        return libraryLoaderAnswers && !libraryLoaderReads();
    }

    private void endUndeployed() {
        executor.shutdown();
        LOG.log(Level.INFO, "CORS configuration refresh ended: the application's class loader was closed, "
                + "the application is undeployed");
    }
}
