package io.github.jaxrscors.runtime.resteasy;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ListenerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletContext;

/**
 * Stops the refresh schedules of the RESTEasy applications in a servlet deployment when Undertow
 * stops it: RESTEasy calls none of an application's providers when the application stops; the
 * servlet container ends the application by destroying the servlet context. Undertow reads it from
 * {@code META-INF/services/io.undertow.servlet.ServletExtension} for every servlet deployment; only
 * Undertow loads it.
 */
public final class UndertowLifecycle implements ServletExtension {

    /** Called by Undertow. */
    public UndertowLifecycle() {
    }

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addListener(new ListenerInfo(ServletContextEnd.class, new ImmediateInstanceFactory<>(new ServletContextEnd())));
    }
}
