package io.github.jaxrscors.internal.policy;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * What an answer depends on, for the caches between browser and server: request headers named in
 * {@code Vary}, added to what the application or another filter put there, never replacing it.
 */
public final class VaryHeader {

    static final VaryHeader NOTHING = new VaryHeader();
    static final VaryHeader ORIGIN = new VaryHeader("Origin");
    /** A refusal that the same-origin check, which reads {@code Sec-Fetch-Site}, could have turned into a pass. */
    static final VaryHeader ORIGIN_AND_FETCH_SITE = new VaryHeader("Origin", "Sec-Fetch-Site");
    static final VaryHeader PREFLIGHT = new VaryHeader("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
    static final VaryHeader PREFLIGHT_AND_FETCH_SITE = new VaryHeader("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers", "Sec-Fetch-Site");

    private final String[] tokens;
    /** The tokens as one value, for the usual response that has no {@code Vary} yet. */
    private final String joined;

    private VaryHeader(String... tokens) {
        this.tokens = tokens;
        this.joined = String.join(", ", tokens);
    }

    /** Sets {@code Vary} on a response the library built itself, which has none yet. */
    void setOn(MultivaluedMap<String, Object> headers) {
        headers.put(CorsHeaders.VARY, new HeaderValues(joined));
    }

    /**
     * Adds the tokens to {@code Vary}. Most responses have none yet, so the value is put first and
     * what it replaced, if anything, merged afterwards: one look-up of the header map rather than two.
     */
    void addTo(MultivaluedMap<String, Object> headers) {
        if (tokens.length == 0) {
            return;
        }
        List<Object> previous = headers.put(CorsHeaders.VARY, new HeaderValues(joined));
        if (previous != null && !previous.isEmpty()) {
            String merged = mergedWith(previous);
            headers.put(CorsHeaders.VARY, merged == null ? previous : new HeaderValues(merged));
        }
    }

    /** The values with the missing tokens added, as one value; null if they need none ({@code *}, or all there). */
    private String mergedWith(List<Object> values) {
        StringBuilder merged = new StringBuilder();
        for (Object value : values) {
            String text = String.valueOf(value);
            if (containsToken(text, "*")) {
                return null;
            }
            if (!text.isBlank()) {
                merged.append(merged.length() == 0 ? "" : ", ").append(text.trim());
            }
        }
        String existing = merged.toString();
        boolean added = false;
        for (String token : tokens) {
            if (!containsToken(existing, token)) {
                merged.append(merged.length() == 0 ? "" : ", ").append(token);
                added = true;
            }
        }
        return added ? merged.toString() : null;
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
