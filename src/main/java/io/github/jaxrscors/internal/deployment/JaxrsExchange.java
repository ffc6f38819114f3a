package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.Decoration;
import io.github.jaxrscors.internal.policy.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** A request as the request filter sees it; one per filter whose runtime has a {@link DecorationHook}. */
final class JaxrsExchange implements Exchange<ContainerRequestContext> {

    /** Without a runtime's hook. */
    static final JaxrsExchange INSTANCE = new JaxrsExchange(null);

    private final DecorationHook hook;

    JaxrsExchange(DecorationHook hook) {
        this.hook = hook;
    }

    /**
     * Reads the header map rather than {@code getHeaderString}, which copies even a single value in
     * some runtimes; several lines are joined with commas, so two {@code Origin} lines make one
     * malformed origin. CXF lists a {@code null} value for a header a request does not carry (its
     * {@code Content-Type} on a GET): that is read as absent, and as empty between other lines.
     */
    @Override
    public String header(ContainerRequestContext request, String lowerCaseName) {
        List<String> values = request.getHeaders().get(lowerCaseName);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            String value = values.get(0);
            return value == null ? null : withoutOptionalWhitespace(value);
        }
        StringBuilder joined = new StringBuilder(withoutOptionalWhitespace(values.get(0)));
        for (int i = 1; i < values.size(); i++) {
            joined.append(',').append(withoutOptionalWhitespace(values.get(i)));
        }
        return joined.toString();
    }

    /**
     * The whitespace around a field value is not part of it (RFC 9110, 5.5), but not every parser
     * drops all of it (Grizzly keeps a trailing tab, and the spaces before it): without this, the
     * same request would be decided differently on two runtimes. Copies only when there is some.
     */
    private static String withoutOptionalWhitespace(String value) {
        if (value == null) {
            return "";
        }
        int start = 0;
        int end = value.length();
        while (start < end && isOptionalWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isOptionalWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    private static boolean isOptionalWhitespace(char c) {
        return c == ' ' || c == '\t';
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
        if (hook != null) {
            hook.decorated(request, decoration);
        }
    }
}
