package io.github.jaxrscors.runtime.dropwizard;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Installation;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/**
 * Stops the start when Jetty's {@code CrossOriginFilter} is registered in the application's servlet
 * context: it runs before Jersey and, for the origins it allows, adds its own headers to the
 * library's answers ({@code Access-Control-Allow-Credentials: true} by default, a wider policy) and
 * leaves its {@code Access-Control-Allow-Origin} on the library's refusals. Checked when Jersey's
 * servlet starts, inside Jetty's start, once the application's {@code run} has added its filters; a
 * filter added later, or to another context, is not seen.
 */
final class CrossOriginFilterCheck implements ContainerLifecycleListener {

    static final String CROSS_ORIGIN_FILTER = "org.eclipse.jetty.servlets.CrossOriginFilter";

    private final Installation installation;

    CrossOriginFilterCheck(Installation installation) {
        this.installation = installation;
    }

    @Override
    public void onStartup(Container container) {
        Deployment deployment = installation.deployment();
        if (deployment == null || !deployment.generation().enabled() || !(container instanceof Servlet servlet)) {
            return;
        }
        ServletConfig config = servlet.getServletConfig();
        if (config == null) {
            return;
        }
        List<Problem> problems = problems(config.getServletContext().getFilterRegistrations());
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
    }

    static List<Problem> problems(Map<String, ? extends FilterRegistration> filters) {
        List<Problem> problems = new ArrayList<>();
        filters.forEach((name, filter) -> {
            if (CROSS_ORIGIN_FILTER.equals(filter.getClassName())) {
                problems.add(new Problem("Jetty's CrossOriginFilter (filter '" + name + "')", null, "adds its own CORS headers to "
                        + "jaxrs-cors's answers (Access-Control-Allow-Credentials: true by default) and to its refusals; remove it "
                        + "and keep the policy in the cors: block, or set cors: {enabled: false} to use CrossOriginFilter alone"));
            }
        });
        return problems;
    }

    @Override
    public void onReload(Container container) {
    }

    @Override
    public void onShutdown(Container container) {
    }
}
