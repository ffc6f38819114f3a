package io.github.jaxrscors.internal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A path in {@code cors.policy.<name>.paths}, relative to the application's base path: exact
 * ({@code /health}) or a prefix ending in {@code /*} ({@code /api/public/*}: that path and every path
 * below it). It is compared segment by segment with a resource method's template at deployment, and
 * with a request's path for the requests no resource method serves; the longest pattern wins.
 *
 * @param value as written
 * @param segments the literal segments, without the {@code *}
 * @param prefix whether it ends in {@code /*}
 */
public record PathPattern(String value, List<String> segments, boolean prefix) {

    /** Characters of a path segment (RFC 3986 {@code pchar} without percent-encoding). */
    private static final String SEGMENT_CHARACTERS = "-._~!$&'()*+,;=:@";

    /**
     * @throws IllegalArgumentException with the reason, when {@code value} is not such a path
     */
    public static PathPattern parse(String value) {
        if (!value.startsWith("/")) {
            throw new IllegalArgumentException("does not start with '/'; write a path relative to the application, "
                    + "such as /health or /api/public/*");
        }
        boolean prefix = value.endsWith("/*");
        String path = prefix ? value.substring(0, value.length() - 2) : value;
        List<String> segments = new ArrayList<>();
        if (!path.isEmpty() && !path.equals("/")) {
            for (String segment : path.substring(1).split("/", -1)) {
                checkSegment(segment);
                segments.add(segment);
            }
        } else if (path.equals("/") && prefix) {
            throw new IllegalArgumentException("has an empty segment; write /* for every path");
        }
        return new PathPattern(value, List.copyOf(segments), prefix);
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("has an empty segment ('//' or a trailing '/'); a prefix ends in '/*'");
        }
        if (segment.equals("*") || segment.contains("*")) {
            throw new IllegalArgumentException("has a '*' that is not its last segment; only a final '/*' is a wildcard");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean allowed = c < 0x80 && (Character.isLetterOrDigit(c) || SEGMENT_CHARACTERS.indexOf(c) >= 0);
            if (!allowed) {
                throw new IllegalArgumentException("has '" + (c < 0x20 || c == 0x7F ? "\\u" + String.format("%04x", (int) c) : c)
                        + "', which is not part of a path" + (c == '{' || c == '}' ? " (patterns are paths, not @Path templates)" : ""));
            }
        }
    }

    /** Whether a resource method at {@code template} (without leading and trailing slashes) is at this pattern. */
    public boolean covers(String template) {
        String[] parts = template.isEmpty() ? new String[0] : template.split("/");
        if (prefix ? parts.length < segments.size() : parts.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!parts[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the request path {@code path[from, end)} (no leading or trailing slash) is at this pattern. */
    boolean matches(String path, int from, int end) {
        int at = from;
        for (String segment : segments) {
            if (at > end || !path.startsWith(segment, at) || at + segment.length() != end && (at + segment.length() > end
                    || path.charAt(at + segment.length()) != '/')) {
                return false;
            }
            at += segment.length() + 1;
        }
        return prefix || at >= end;
    }

    /** Which of two patterns that both match wins: the longer, and an exact one over a prefix as long. */
    public boolean isLongerThan(PathPattern other) {
        return segments.size() != other.segments.size() ? segments.size() > other.segments.size() : !prefix && other.prefix;
    }

    @Override
    public String toString() {
        return value;
    }
}
