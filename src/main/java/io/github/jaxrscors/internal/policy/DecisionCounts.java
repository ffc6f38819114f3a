package io.github.jaxrscors.internal.policy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Every decision the library made, counted by its attributes: one adder per combination that
 * occurred, created on its first request and kept for the life of the class loader, so that the
 * counts only grow, across reloads of the configuration. The metrics backends read them (a
 * Micrometer function counter per combination, an OpenTelemetry callback over all); the request
 * path only increments. Attribute values come from the configuration (policy names) and closed
 * lists, never from a request, so the combinations are bounded by the configuration.
 */
public final class DecisionCounts {

    /** One combination of the {@code cors.requests} attributes; {@code reason} is null unless refused. */
    public record Key(String kind, String outcome, String mode, String policy, String reason) {
    }

    /** A metrics backend, told of every combination as it first occurs (and of those before it bound). */
    public interface Listener {
        void added(Key key, LongAdder count);
    }

    public static final String PREFLIGHT = "preflight";
    public static final String ACTUAL = "actual";
    public static final String ALLOWED = "allowed";
    public static final String REFUSED = "refused";
    public static final String SAME_ORIGIN = "same_origin";
    public static final String ENFORCE = "enforce";
    public static final String REPORT_ONLY = "report_only";

    private static final DecisionCounts SHARED = new DecisionCounts();

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** The counts of every application this class loader serves; a backend reads them all. */
    public static DecisionCounts shared() {
        return SHARED;
    }

    /** Tells {@code listener} of every combination so far, and of each new one from now on. */
    public synchronized void bind(Listener listener) {
        listeners.add(listener);
        counts.forEach(listener::added);
    }

    public void forEach(BiConsumer<Key, Long> each) {
        counts.forEach((key, count) -> each.accept(key, count.sum()));
    }

    /** The adder of one combination, made and announced when it first occurs. */
    synchronized LongAdder count(Key key) {
        LongAdder count = counts.get(key);
        if (count == null) {
            count = new LongAdder();
            counts.put(key, count);
            for (Listener listener : listeners) {
                listener.added(key, count);
            }
        }
        return count;
    }

    /** The counter of the requests one policy decides, under its name and mode. */
    public DecisionCounter counter(String policy, boolean reportOnly) {
        return new DecisionCounter(this, policy, reportOnly ? REPORT_ONLY : ENFORCE);
    }
}
