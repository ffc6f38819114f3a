package io.github.jaxrscors.it.app.rollout;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The library's decision counts as {@link CountingBackend} receives them, readable where the
 * library is absent too (then empty): it names none of the library's classes.
 */
public final class DecisionTally {

    private static final Map<String, LongSupplier> COUNTS = new ConcurrentHashMap<>();

    private DecisionTally() {
    }

    /** {@code key}: kind, outcome, mode, policy and reason ({@code -} for none), space-separated. */
    static void add(String key, LongSupplier count) {
        COUNTS.put(key, count);
    }

    static Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        COUNTS.forEach((key, count) -> snapshot.put(key, count.getAsLong()));
        return snapshot;
    }
}
