package io.github.jaxrscors.runtime.spring;

import io.github.jaxrscors.internal.policy.Decoration;
import io.github.jaxrscors.internal.policy.Exchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Enumeration;

/**
 * A servlet request as {@link CorsServletFilter} hands it to a decision, one per application. The decision's outcome is
 * left on the request, as attributes the filter reads back: the answer that ends the request, or the
 * {@link Decoration} under {@link Decoration#PROPERTY}, which Jersey's servlet container shows its
 * response filter as the request property of that name.
 */
final class ServletExchange implements Exchange<HttpServletRequest> {

    /** The request attribute that holds the library's own answer, until the filter writes it. */
    static final String ANSWER = ServletExchange.class.getName() + ".answer";

    /** Jersey's application path, encoded, from the context's root: {@code /api/}. */
    private final String applicationPath;

    ServletExchange(String applicationPath) {
        this.applicationPath = applicationPath;
    }

    /** Several lines are joined with commas, as HTTP joins them: two {@code Origin} lines make one malformed origin. */
    @Override
    public String header(HttpServletRequest request, String lowerCaseName) {
        Enumeration<String> values = request.getHeaders(lowerCaseName);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }

    @Override
    public String method(HttpServletRequest request) {
        return request.getMethod();
    }

    @Override
    public String rawPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The context path, which the container does not decode, and Jersey's application path. */
    @Override
    public String rawBasePath(HttpServletRequest request) {
        String context = request.getContextPath();
        return context.isEmpty() ? applicationPath : context + applicationPath;
    }

    @Override
    public URI requestUri(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        String query = request.getQueryString();
        if (query != null) {
            url.append('?').append(query);
        }
        return URI.create(url.toString());
    }

    @Override
    public void answer(HttpServletRequest request, Response response) {
        request.setAttribute(ANSWER, response);
    }

    @Override
    public void decorate(HttpServletRequest request, Decoration decoration) {
        request.setAttribute(Decoration.PROPERTY, decoration);
    }
}
