package io.github.jaxrscors.internal.deployment;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Shows the installed library every resource method on runtimes that call only the dynamic
 * features they found as {@code @Provider} classes and drop one registered from a feature: without
 * it every {@code @Cors} would go unseen there, and the library would refuse to answer for
 * resources it never learned. A class seen twice is scanned once.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public final class ScannedResources implements DynamicFeature {

    /** Called by the runtime. */
    public ScannedResources() {
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Deployment deployment = Installation.deployment(context.getConfiguration());
        if (deployment != null) {
            deployment.addResourceClass(resourceInfo.getResourceClass());
        }
    }
}
