package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.config.Settings;
import java.util.List;
import java.util.function.Supplier;

/** For tests outside this package: a deployment of the given resource classes, as a runtime would make it. */
public final class Deployments {

    private Deployments() {
    }

    /** The request filter a runtime would run for {@code deployment}. */
    public static CorsRequestFilter requestFilter(Deployment deployment) {
        return new CorsRequestFilter(deployment, false, null);
    }

    /** With a default policy given in code, as {@code new CorsFeature(policy)} gives it. */
    public static Deployment of(io.github.jaxrscors.internal.policy.Policy policy, Supplier<Settings.Source> settings,
            Class<?>... resourceClasses) {
        Deployment deployment = new Deployment(settings, Runtimes.all());
        deployment.offer(policy);
        deployment.declare(List.of(resourceClasses));
        return deployment;
    }

    public static Deployment of(Supplier<Settings.Source> settings, Class<?>... resourceClasses) {
        Deployment deployment = new Deployment(settings, Runtimes.all());
        deployment.declare(List.of(resourceClasses));
        return deployment;
    }
}
