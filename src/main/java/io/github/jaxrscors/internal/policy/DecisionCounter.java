package io.github.jaxrscors.internal.policy;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of the requests one policy decides, for {@code cors.requests}: an adder per kind and
 * outcome (a refusal per reason), looked up by index, so that counting a request is an array read
 * and an increment. The adders come from the shared {@link DecisionCounts} on first use.
 */
public final class DecisionCounter {

    private static final int OUTCOMES = 2 + Reason.values().length;
    private static final int SAME_ORIGIN = 1;

    private final DecisionCounts counts;
    private final String policy;
    private final String mode;
    private final LongAdder[] adders = new LongAdder[2 * OUTCOMES];

    DecisionCounter(DecisionCounts counts, String policy, String mode) {
        this.counts = counts;
        this.policy = policy;
        this.mode = mode;
    }

    /** A request decided: allowed, or refused for its reason (an origin refusal is parsed to tell a malformed origin). */
    void decided(boolean preflight, Decision decision, String origin) {
        int outcome = decision.allowed() ? 0 : 2 + decision.reason(origin).ordinal();
        increment((preflight ? 0 : OUTCOMES) + outcome);
    }

    /** A request the policy refused but the same-origin check let through. */
    void sameOrigin(boolean preflight) {
        increment((preflight ? 0 : OUTCOMES) + SAME_ORIGIN);
    }

    private void increment(int index) {
        LongAdder adder = adders[index];
        if (adder == null) {
            adder = adder(index);
        }
        adder.increment();
    }

    private LongAdder adder(int index) {
        int outcome = index % OUTCOMES;
        Reason reason = outcome >= 2 ? Reason.values()[outcome - 2] : null;
        LongAdder adder = counts.count(new DecisionCounts.Key(index < OUTCOMES ? DecisionCounts.PREFLIGHT : DecisionCounts.ACTUAL,
                outcome == 0 ? DecisionCounts.ALLOWED : outcome == SAME_ORIGIN ? DecisionCounts.SAME_ORIGIN : DecisionCounts.REFUSED,
                mode, policy, reason == null ? null : reason.attribute()));
        // Racing threads get the same adder from the counts: a plain write is enough.
        adders[index] = adder;
        return adder;
    }
}
