package io.github.jaxrscors;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** Adds to {@code Vary}, never replacing what the application or another filter put there. */
final class VaryHeader {

    private VaryHeader() {
    }

    static void addOrigin(MultivaluedMap<String, Object> headers) {
        List<Object> values = headers.get(CorsHeaders.VARY);
        if (values == null || values.isEmpty()) {
            headers.putSingle(CorsHeaders.VARY, CorsHeaders.ORIGIN);
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (Object value : values) {
            String text = String.valueOf(value);
            if (containsToken(text, CorsHeaders.ORIGIN) || containsToken(text, "*")) {
                return;
            }
            if (!text.isBlank()) {
                joined.append(joined.length() == 0 ? "" : ", ").append(text.trim());
            }
        }
        joined.append(joined.length() == 0 ? "" : ", ").append(CorsHeaders.ORIGIN);
        headers.putSingle(CorsHeaders.VARY, joined.toString());
    }

    private static boolean containsToken(String list, String token) {
        for (String element : list.split(",")) {
            if (element.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
