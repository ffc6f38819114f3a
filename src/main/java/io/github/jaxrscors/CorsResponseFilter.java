package io.github.jaxrscors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Adds the CORS headers to the response of an allowed actual request, whatever its status: error
 * responses, mapped exceptions and authentication failures must be readable by the allowed origin
 * too. Response filters run in descending priority, so this one runs after the application's.
 */
@Priority(CorsRequestFilter.PRIORITY)
final class CorsResponseFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object outcome = request.getProperty(Outcome.PROPERTY);
        if (outcome == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (outcome instanceof Outcome.Allowed allowed) {
            CompiledPolicy policy = allowed.policy();
            headers.putSingle(CorsHeaders.ALLOW_ORIGIN,
                    policy.wildcardOrigin ? CorsPolicy.WILDCARD : request.getHeaderString(CorsHeaders.ORIGIN));
            if (policy.allowCredentials) {
                headers.putSingle(CorsHeaders.ALLOW_CREDENTIALS, "true");
            }
            if (policy.exposeHeaders != null) {
                headers.putSingle(CorsHeaders.EXPOSE_HEADERS, policy.exposeHeaders);
            }
            if (!policy.variesByOrigin) {
                return;
            }
        }
        VaryHeader.addOrigin(headers);
    }
}
