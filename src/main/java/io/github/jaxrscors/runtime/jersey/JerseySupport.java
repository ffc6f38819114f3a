package io.github.jaxrscors.runtime.jersey;

import io.github.jaxrscors.internal.deployment.DecorationHook;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.RuntimeSupport;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.RuntimeDelegate;

/**
 * Jersey: the first generation is built and the refresh schedule stopped with Jersey's container,
 * and the CORS headers stay on the container's error page ({@link JerseyFailureHeaders}).
 */
public final class JerseySupport implements RuntimeSupport {

    @Override
    public boolean isPresent() {
        return RuntimeDelegate.getInstance().getClass().getName().startsWith("org.glassfish.jersey.");
    }

    @Override
    public void install(FeatureContext context, Deployment deployment) {
        context.register(new JerseyLifecycle(deployment));
    }

    @Override
    public DecorationHook decorationHook(Configuration configuration) {
        return JerseyFailureHeaders.of(configuration);
    }
}
