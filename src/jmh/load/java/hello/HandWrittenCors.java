package hello;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The least a CORS filter can do for the measured request: read {@code Origin}, compare it with the
 * one allowed origin, and add the two headers the library adds to an allowed actual request
 * ({@code Access-Control-Allow-Origin} and {@code Vary: Origin}). No preflights, no refusals, no
 * policies: the floor under any CORS support's cost on this request, not a CORS implementation.
 */
public final class HandWrittenCors implements ContainerResponseFilter {

    private final String allowedOrigin = System.getProperty("cors.allowed-origins");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (allowedOrigin.equals(origin)) {
            headers.add("Access-Control-Allow-Origin", origin);
        }
        headers.add("Vary", "Origin");
    }
}
