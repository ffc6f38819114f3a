package io.github.jaxrscors.internal.policy;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * How a decision reads a request and hands over its answer: the request filter's implementation
 * reads a {@code ContainerRequestContext}, the inspection API's a request described in code. The
 * decision is written once, against this interface, so that both answer alike. Implementations are
 * stateless singletons: deciding a request costs no adapter object.
 *
 * @param <R> the request
 */
public interface Exchange<R> {

    /** The header's value, or null; several lines joined with commas, as HTTP joins them. */
    String header(R request, String lowerCaseName);

    String method(R request);

    /** The request's path, encoded, from the server's root: {@code /api/orders/7}. */
    String rawPath(R request);

    /** The application's base path, encoded: {@code /api/}. */
    String rawBasePath(R request);

    /** The address the request reached, for the same-origin check. */
    URI requestUri(R request);

    /** Ends the request with the library's own answer: a preflight's, or a refusal. */
    void answer(R request, Response response);

    /** Lets the request go on to the application, whose response gets {@code decoration}. */
    void decorate(R request, Decoration decoration);
}
