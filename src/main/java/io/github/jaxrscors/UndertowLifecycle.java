package io.github.jaxrscors;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ListenerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletContext;

/**
 * Not for application code: Undertow reads it from
 * {@code META-INF/services/io.undertow.servlet.ServletExtension} for every servlet deployment, and it
 * stops the refresh schedules of the RESTEasy applications in a deployment when Undertow stops it.
 *
 * <p>RESTEasy calls none of an application's providers when the application stops (no
 * {@code @PreDestroy}, no close, no lifecycle listener as in Jersey): its deployment's {@code stop()}
 * only clears its own state. The servlet container is what ends the application, by destroying the
 * servlet context, so the schedule is stopped there. It is public because Undertow loads it with
 * {@code ServiceLoader}, which instantiates public classes only; only Undertow reads that file, so
 * no other runtime loads Undertow's types.
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
