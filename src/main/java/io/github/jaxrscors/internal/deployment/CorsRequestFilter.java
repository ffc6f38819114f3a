package io.github.jaxrscors.internal.deployment;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Hands every request to the current {@link Generation}, before resource matching and before
 * authentication: a preflight carries no credentials, so it must never meet an authentication
 * filter, and an allowed origin must be able to read an authentication failure.
 */
@PreMatching
@Priority(CorsRequestFilter.PRIORITY)
public final class CorsRequestFilter implements ContainerRequestFilter {

    /** Ahead of {@link Priorities#AUTHENTICATION}, and of any pre-matching filter at a default priority. */
    public static final int PRIORITY = Priorities.AUTHENTICATION - 500;

    private final Deployment deployment;

    CorsRequestFilter(Deployment deployment) {
        this.deployment = deployment;
    }

    /** The application's CORS deployment, for runtimes that announce its end outside Jakarta REST. */
    public Deployment deployment() {
        return deployment;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        deployment.generation().decide(request, JaxrsExchange.INSTANCE);
    }
}
