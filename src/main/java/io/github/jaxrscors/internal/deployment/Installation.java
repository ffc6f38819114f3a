package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.policy.Policy;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * @param policy the default policy given in code, or null to read it from the settings
     * @param settings the application's configuration, read when the application deploys
     */
    public Installation(Policy policy, Supplier<Settings.Source> settings) {
        this.policy = policy;
        this.settings = settings;
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
        Deployment installed = deployment(configuration);
        if (installed != null) {
            if (policy != null) {
                installed.offer(policy);
            }
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
        context.register(new CorsRequestFilter(deployment));
        context.register(new CorsResponseFilter());
        context.register(new ResourceReporter(deployment));
        Runtimes.present(runtimes).forEach(runtime -> runtime.install(context, deployment));
        return true;
    }
}
