package io.github.jaxrscors.runtime.resteasy;

import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Installation;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.ws.rs.core.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Closes the CORS deployments of the RESTEasy applications a servlet context served, when the
 * container destroys it. RESTEasy keeps each application's deployment in the context, under
 * {@code resteasy.deployments} (one per servlet mapping) and under the name of its
 * {@code ResteasyDeployment} interface; the deployment's provider factory is the application's
 * {@link Configuration}, where the library left its {@link Deployment}.
 */
final class ServletContextEnd implements ServletContextListener {

    private static final String RESTEASY_DEPLOYMENTS = "resteasy.deployments";
    private static final String RESTEASY_DEPLOYMENT = "org.jboss.resteasy.spi.ResteasyDeployment";

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        List<Object> deployments = new ArrayList<>();
        if (context.getAttribute(RESTEASY_DEPLOYMENTS) instanceof Map<?, ?> byMapping) {
            deployments.addAll(byMapping.values());
        }
        deployments.add(context.getAttribute(RESTEASY_DEPLOYMENT));
        for (Object deployment : deployments) {
            if (providerFactory(deployment) instanceof Configuration configuration) {
                Deployment cors = Installation.deployment(configuration);
                if (cors != null) {
                    cors.close();
                }
            }
        }
    }

    /** {@code ResteasyDeployment.getProviderFactory()}, looked up by name so that nothing here needs RESTEasy. */
    private static Object providerFactory(Object deployment) {
        if (deployment == null) {
            return null;
        }
        try {
            return deployment.getClass().getMethod("getProviderFactory").invoke(deployment);
        } catch (ReflectiveOperationException | RuntimeException notResteasy) {
            return null;
        }
    }
}
