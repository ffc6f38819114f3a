package io.github.jaxrscors;

import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Installation;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

/**
 * Installs CORS handling in a Jakarta REST application.
 *
 * <p>With the jar on the classpath it installs itself (Jersey through its auto-discovery, RESTEasy
 * through {@code META-INF/services/jakarta.ws.rs.ext.Providers}, other runtimes as
 * {@code docs/runtimes.md} says) reading {@code cors.*} from MicroProfile Config; register it by hand
 * only to give a policy in code. Registering it more than once installs it once, and a policy given
 * in code wins over configuration.
 */
public final class CorsFeature implements Feature {

    private final CorsPolicy policy;

    /**
     * Reads the policy from MicroProfile Config ({@code cors.*}) when the application deploys;
     * {@code cors.enabled=false} turns CORS handling off.
     */
    public CorsFeature() {
        this.policy = null;
    }

    /**
     * Uses {@code policy} as the default policy. Configuration is read, where there is one, only for
     * the named policies that {@code @Cors("name")} asks for, which inherit from {@code policy}, and
     * for {@code cors.enabled}; no MicroProfile Config is needed on the classpath.
     *
     * @param policy the default policy of every resource without {@code @Cors}
     */
    public CorsFeature(CorsPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Reads the {@code cors.*} configuration of the application now, rather than at the next
     * {@code cors.refresh-interval}: if anything changed, the new policies are checked exactly as at
     * deployment and, when valid, answer every request from then on. Call it from the application,
     * with the {@code Configuration} Jakarta REST injects ({@code @Context Configuration}), when it
     * learns of a change itself: from an admin endpoint or a database listener.
     *
     * @param configuration the application's configuration, as Jakarta REST injects it
     * @return whether new policies were installed; {@code false} when nothing changed, when CORS
     *     handling is off, or when there is no configuration to read
     * @throws CorsConfigException every problem of the new configuration; the policies in use stay
     * @throws IllegalStateException when CORS handling is not installed in that application
     */
    public static boolean reload(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        Deployment deployment = Installation.deployment(configuration);
        if (deployment == null) {
            throw new IllegalStateException("CORS handling is not installed in this application: put the jaxrs-cors "
                    + "jar on its classpath, or register CorsFeature");
        }
        return deployment.reload();
    }

    @Override
    public boolean configure(FeatureContext context) {
        return new Installation(policy == null ? null : policy.policy(), MicroProfileSettings::current).configure(context);
    }
}
