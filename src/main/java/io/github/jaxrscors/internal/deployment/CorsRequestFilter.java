package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.Decoration;
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

    /**
     * Request property set by an integration that decided the request before Jakarta REST saw it (a
     * servlet filter ahead of a security chain), so that it is not decided, logged and counted twice.
     */
    public static final String DECIDED = CorsRequestFilter.class.getName() + ".decided";

    private final Deployment deployment;
    /** Whether an integration decides requests before this filter, marking them {@link #DECIDED}. */
    private final boolean decidedUpstream;
    /** The runtime's {@link DecorationHook}, or null. */
    private final DecorationHook hook;
    private final JaxrsExchange exchange;

    CorsRequestFilter(Deployment deployment, boolean decidedUpstream, DecorationHook hook) {
        this.deployment = deployment;
        this.decidedUpstream = decidedUpstream;
        this.hook = hook;
        this.exchange = hook == null ? JaxrsExchange.INSTANCE : new JaxrsExchange(hook);
    }

    /** The application's CORS deployment, for runtimes that announce its end outside Jakarta REST. */
    public Deployment deployment() {
        return deployment;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!decidedUpstream || request.getProperty(DECIDED) == null) {
            deployment.generation().decide(request, exchange);
        } else if (hook != null && request.getProperty(Decoration.PROPERTY) instanceof Decoration decoration) {
            hook.decorated(request, decoration);
        }
    }
}
