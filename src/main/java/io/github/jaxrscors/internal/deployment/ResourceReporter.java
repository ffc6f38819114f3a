package io.github.jaxrscors.internal.deployment;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Learns the deployed resource classes: Jakarta REST calls a dynamic feature for every resource
 * method at deployment, which is the portable way to see them all. Registers nothing.
 */
final class ResourceReporter implements DynamicFeature {

    private final Deployment deployment;

    ResourceReporter(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        deployment.addResourceClass(resourceInfo.getResourceClass());
    }
}
