package io.github.jaxrscors;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** Adds to {@code Vary}, never replacing what the application or another filter put there. */
final class VaryHeader {

    private VaryHeader() {
    }

    static void add(MultivaluedMap<String, Object> headers, String... tokens) {
        if (tokens.length == 0) {
            return;
        }
        List<Object> values = headers.get(CorsHeaders.VARY);
        if (values == null || values.isEmpty()) {
            headers.put(CorsHeaders.VARY, CompiledPolicy.one(tokens.length == 1 ? tokens[0] : String.join(", ", tokens)));
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (Object value : values) {
            String text = String.valueOf(value);
            if (containsToken(text, "*")) {
                return;
            }
            if (!text.isBlank()) {
                joined.append(joined.length() == 0 ? "" : ", ").append(text.trim());
            }
        }
        String existing = joined.toString();
        boolean added = false;
        for (String token : tokens) {
            if (!containsToken(existing, token)) {
                joined.append(joined.length() == 0 ? "" : ", ").append(token);
                added = true;
            }
        }
        if (added) {
            headers.put(CorsHeaders.VARY, CompiledPolicy.one(joined.toString()));
        }
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
