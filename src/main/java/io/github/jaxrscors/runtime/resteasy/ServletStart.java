package io.github.jaxrscors.runtime.resteasy;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.LifecycleInterceptor;
import io.undertow.servlet.api.ServletInfo;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/**
 * Starts the CORS deployments of the RESTEasy applications a servlet serves once the servlet's
 * {@code init} deployed them: every resource is known then, so the deployment summary and its
 * warnings (report-only policies, {@code cors.explain-refusals}) are logged at startup rather than
 * at the first request. A deployment that failed fails the servlet's start, as the runtime allows.
 */
final class ServletStart implements LifecycleInterceptor {

    private final ServletContext servletContext;

    ServletStart(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public void init(ServletInfo servletInfo, Servlet servlet, LifecycleContext context) throws ServletException {
        context.proceed();
        try {
            ServletContextDeployments.of(servletContext).forEach(Deployment::start);
        } catch (CorsConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    @Override
    public void init(FilterInfo filterInfo, Filter filter, LifecycleContext context) throws ServletException {
        context.proceed();
    }

    @Override
    public void destroy(ServletInfo servletInfo, Servlet servlet, LifecycleContext context) throws ServletException {
        context.proceed();
    }

    @Override
    public void destroy(FilterInfo filterInfo, Filter filter, LifecycleContext context) throws ServletException {
        context.proceed();
    }
}
