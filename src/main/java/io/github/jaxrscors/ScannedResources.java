package io.github.jaxrscors;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Not for application code: shows the installed {@link CorsFeature} every resource method on runtimes
 * that call only the dynamic features they found as {@code @Provider} classes. Quarkus REST drops a
 * dynamic feature registered from a feature, so {@link CorsDynamicFeature} never runs there; without
 * this class every {@code @Cors} would be ignored and the default policy would answer for all paths.
 *
 * <p>The installed deployment is found in the configuration the features share. Elsewhere it runs
 * beside {@link CorsDynamicFeature}, and a resource class seen twice is scanned once.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public final class ScannedResources implements DynamicFeature {

    /** Called by the runtime. */
    public ScannedResources() {
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (context.getConfiguration().getProperty(Deployment.PROPERTY) instanceof Deployment deployment
                && resourceInfo.getResourceClass() != null) {
            deployment.addResourceClass(resourceInfo.getResourceClass());
        }
    }
}
