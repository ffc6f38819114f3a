package io.github.jaxrscors.it.app;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** A typical authentication filter: anything under {@code api/secure} needs the bearer token. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {

    public static final String TOKEN = "Bearer let-me-in";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().contains("secure")
                && !TOKEN.equals(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").entity("sign in first").build());
        }
    }
}
