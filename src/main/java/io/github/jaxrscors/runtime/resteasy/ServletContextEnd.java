package io.github.jaxrscors.runtime.resteasy;

import io.github.jaxrscors.internal.deployment.Deployment;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Closes the CORS deployments of the RESTEasy applications a servlet context served, when the container destroys it. */
final class ServletContextEnd implements ServletContextListener {

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContextDeployments.of(event.getServletContext()).forEach(Deployment::close);
    }
}
