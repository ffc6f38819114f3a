package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decoration;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers of a request's CORS decision for a response that no Jakarta REST response filter
 * sees: the runtime's own error page for an exception that no {@code ExceptionMapper} handles. They
 * are the headers {@link CorsResponseFilter} would have written, as one value per header to set on
 * the runtime's response.
 */
public final class DecisionHeaders {

    private DecisionHeaders() {
    }

    /**
     * @param vary the response's {@code Vary} values so far, which the decision adds to; {@code Vary}
     *     is left out of the result when it already names everything the decision depends on
     */
    public static Map<String, String> of(Decoration decoration, List<String> vary) {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        if (!vary.isEmpty()) {
            headers.put(CorsHeaders.VARY, new ArrayList<>(vary));
        }
        decoration.writeTo(headers);
        Map<String, String> values = new LinkedHashMap<>();
        headers.forEach((name, list) -> {
            if (!(name.equals(CorsHeaders.VARY) && list.equals(vary))) {
                values.put(name, join(list));
            }
        });
        return values;
    }

    private static String join(List<Object> values) {
        if (values.size() == 1) {
            return String.valueOf(values.get(0));
        }
        StringBuilder joined = new StringBuilder();
        for (Object value : values) {
            joined.append(joined.length() == 0 ? "" : ", ").append(value);
        }
        return joined.toString();
    }
}
