package io.github.jaxrscors;

import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Installs CORS handling in a Jakarta REST application.
 *
 * <p>With the jar on the classpath it installs itself (Jersey through its auto-discovery, RESTEasy
 * through {@code META-INF/services/jakarta.ws.rs.ext.Providers}) reading {@code cors.*} from
 * MicroProfile Config; register it by hand only to give a policy in code. Registering it more than
 * once installs it once, and a policy given in code wins over configuration.
 */
public final class CorsFeature implements Feature {

    private final CorsPolicy policy;
    private final Supplier<Config> config;

    /**
     * Reads the policy from MicroProfile Config ({@code cors.*}) when the application deploys;
     * {@code cors.enabled=false} turns CORS handling off.
     */
    public CorsFeature() {
        this(null, ConfigProvider::getConfig);
    }

    /**
     * Uses {@code policy} as the default policy. Configuration is read only for the named policies
     * that {@code @Cors("name")} asks for, and those inherit from {@code policy}.
     */
    public CorsFeature(CorsPolicy policy) {
        this(Objects.requireNonNull(policy, "policy"), ConfigProvider::getConfig);
    }

    CorsFeature(CorsPolicy policy, Supplier<Config> config) {
        this.policy = policy;
        this.config = config;
    }

    @Override
    public boolean configure(FeatureContext context) {
        if (context.getConfiguration().getProperty(Deployment.PROPERTY) instanceof Deployment installed) {
            if (policy != null) {
                installed.offer(policy);
            }
            return true;
        }
        Deployment deployment = new Deployment(config);
        if (policy != null) {
            deployment.offer(policy);
        }
        Configuration configuration = context.getConfiguration();
        List<Class<?>> registered = new ArrayList<>(configuration.getClasses());
        configuration.getInstances().forEach(instance -> registered.add(instance.getClass()));
        deployment.declare(registered);
        context.property(Deployment.PROPERTY, deployment);
        context.register(new CorsRequestFilter(deployment));
        context.register(new CorsResponseFilter());
        context.register(new CorsDynamicFeature(deployment));
        return true;
    }
}
