package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.policy.Policy;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Installs the library in one application, once: the feature behind {@link CorsFeature} and every
 * drop-in, and the one answer to "is it installed?". The first installation leaves its
 * {@link Deployment} in the application's configuration; a later one (the application's own
 * {@code CorsFeature} beside the drop-in) only offers its policy to it.
 */
public final class Installation implements Feature {

    private final Policy policy;
    private final Supplier<Settings.Source> settings;
    private final boolean decidedUpstream;
    /** The deployment this installation made, once the runtime configured it. */
    private volatile Deployment installed;

    /**
     * @param policy the default policy given in code, or null to read it from the settings
     * @param settings the application's configuration, read when the application deploys
     */
    public Installation(Policy policy, Supplier<Settings.Source> settings) {
        this(policy, settings, false);
    }

    private Installation(Policy policy, Supplier<Settings.Source> settings, boolean decidedUpstream) {
        this.policy = policy;
        this.settings = settings;
        this.decidedUpstream = decidedUpstream;
    }

    /**
     * The same, for an integration that decides the application's requests before Jakarta REST
     * does: the request filter leaves the requests it marked ({@link CorsRequestFilter#DECIDED}) alone.
     */
    public Installation decidedUpstream() {
        return new Installation(policy, settings, true);
    }

    /**
     * The deployment this installation made or joined, once the runtime configured the application;
     * null before. For integrations that decide requests before Jakarta REST does (a servlet filter
     * ahead of a security chain).
     */
    public Deployment deployment() {
        return installed;
    }

    /** The deployment installed in the application, or null. */
    public static Deployment deployment(Configuration configuration) {
        return configuration.getProperty(Deployment.PROPERTY) instanceof Deployment deployment ? deployment : null;
    }

    /**
     * Whether the library is installed in the application, or registered to be: a feature
     * registered on the application counts before it has configured itself, as it does when a
     * runtime's drop-in hook runs before the application's features.
     */
    public static boolean isInstalled(Configuration configuration) {
        return deployment(configuration) != null || configuration.isRegistered(CorsFeature.class)
                || configuration.isRegistered(Installation.class);
    }

    @Override
    public boolean configure(FeatureContext context) {
        Configuration configuration = context.getConfiguration();
        Deployment existing = deployment(configuration);
        if (existing != null) {
            if (policy != null) {
                existing.offer(policy);
            }
            installed = existing;
            return true;
        }
        List<RuntimeSupport> runtimes = Runtimes.all();
        Deployment deployment = new Deployment(settings, runtimes);
        if (policy != null) {
            deployment.offer(policy);
        }
        List<Class<?>> registered = new ArrayList<>(configuration.getClasses());
        configuration.getInstances().forEach(instance -> registered.add(instance.getClass()));
        deployment.declare(registered);
        context.property(Deployment.PROPERTY, deployment);
        List<RuntimeSupport> present = Runtimes.present(runtimes);
        DecorationHook hook = DecorationHook.of(
                present.stream().map(runtime -> runtime.decorationHook(configuration)).filter(Objects::nonNull).toList());
        context.register(new CorsRequestFilter(deployment, decidedUpstream, hook));
        context.register(new CorsResponseFilter());
        context.register(new ResourceReporter(deployment));
        present.forEach(runtime -> runtime.install(context, deployment));
        installed = deployment;
        return true;
    }
}
