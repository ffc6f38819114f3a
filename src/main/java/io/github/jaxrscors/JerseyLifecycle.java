package io.github.jaxrscors;

import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/**
 * Stops a deployment's refresh schedule when Jersey shuts the application down. Registered only in
 * Jersey, so that no other runtime loads Jersey's types.
 */
final class JerseyLifecycle implements ContainerLifecycleListener {

    private final Deployment deployment;

    private JerseyLifecycle(Deployment deployment) {
        this.deployment = deployment;
    }

    static Object of(Deployment deployment) {
        return new JerseyLifecycle(deployment);
    }

    @Override
    public void onStartup(Container container) {
        // The first generation is built when the first request needs it.
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
