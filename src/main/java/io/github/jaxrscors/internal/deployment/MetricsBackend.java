package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.DecisionCounts;

/**
 * A metrics backend the decisions are counted into ({@code cors.requests}), found with
 * {@link java.util.ServiceLoader}: each backend's package lists its implementation in
 * {@code META-INF/services}. An implementation must load where its backend is absent: it names the
 * backend's types only in classes it loads once {@link #isPresent()} said yes.
 */
public interface MetricsBackend {

    /** Whether the backend's API is on the application's class path. */
    boolean isPresent();

    /**
     * Registers {@code cors.requests} with the application's registry or meter, reading {@code counts};
     * called at each deployment, so that it must bind a registry it already bound only once.
     */
    void bind(DecisionCounts counts);
}
