package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.Decoration;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Writes the request filter's {@link Decoration} onto the response, whatever its status: error
 * responses, mapped exceptions and authentication failures must be readable by the allowed origin
 * too. Response filters run in descending priority, so this one runs after the application's.
 */
@Priority(CorsRequestFilter.PRIORITY)
public final class CorsResponseFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(Decoration.PROPERTY) instanceof Decoration decoration) {
            decoration.writeTo(response.getHeaders());
        }
    }
}
