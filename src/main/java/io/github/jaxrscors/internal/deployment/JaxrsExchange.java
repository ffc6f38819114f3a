package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.Decoration;
import io.github.jaxrscors.internal.policy.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** A request as the request filter sees it. */
enum JaxrsExchange implements Exchange<ContainerRequestContext> {
    INSTANCE;

    /**
     * Reads the header map rather than {@code getHeaderString}, which copies even a single value in
     * some runtimes; several lines are joined with commas, so two {@code Origin} lines make one
     * malformed origin.
     */
    @Override
    public String header(ContainerRequestContext request, String lowerCaseName) {
        List<String> values = request.getHeaders().get(lowerCaseName);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    @Override
    public String method(ContainerRequestContext request) {
        return request.getMethod();
    }

    @Override
    public String rawPath(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    @Override
    public String rawBasePath(ContainerRequestContext request) {
        return request.getUriInfo().getBaseUri().getRawPath();
    }

    @Override
    public URI requestUri(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri();
    }

    @Override
    public void answer(ContainerRequestContext request, Response response) {
        request.abortWith(response);
    }

    @Override
    public void decorate(ContainerRequestContext request, Decoration decoration) {
        request.setProperty(Decoration.PROPERTY, decoration);
    }
}
