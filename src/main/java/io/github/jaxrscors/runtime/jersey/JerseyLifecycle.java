package io.github.jaxrscors.runtime.jersey;

import io.github.jaxrscors.internal.deployment.Deployment;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/**
 * Ties a deployment to the life of a Jersey container: the first generation is built when the
 * container starts, so that a mistake found only then (in an application of sub-resource locators
 * alone, which Jersey never shows a dynamic feature) still stops the start; the refresh schedule
 * stops when the container shuts down.
 */
final class JerseyLifecycle implements ContainerLifecycleListener {

    private final Deployment deployment;

    JerseyLifecycle(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public void onStartup(Container container) {
        deployment.start();
    }

    @Override
    public void onReload(Container container) {
        deployment.close();
    }

    @Override
    public void onShutdown(Container container) {
        deployment.close();
    }
}
