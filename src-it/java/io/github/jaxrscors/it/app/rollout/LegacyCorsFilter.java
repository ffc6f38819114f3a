package io.github.jaxrscors.it.app.rollout;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS as applications wrote it by hand before they had a library: the same headers on every
 * response under {@code api/legacy}, preflights included (the runtime answers those itself).
 */
@Provider
public class LegacyCorsFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("api/legacy")) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.add("Access-Control-Allow-Origin", "*");
            headers.add("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            headers.add("Access-Control-Allow-Headers", "Content-Type, X-Legacy-Token");
            headers.add("Access-Control-Max-Age", "3600");
        }
    }
}
