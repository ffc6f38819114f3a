package io.github.jaxrscors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Jakarta REST {@code @Path} template split into segments: literal segments, segments with
 * default-syntax variables ({@code {id}}, {@code v{major}.json}), and, from the first variable with a
 * regular expression of its own ({@code {id: \d+}}, {@code {path: .*}}) on, a tail matched as one
 * regular expression, since such an expression may span several segments.
 */
final class PathTemplate {

    /** One segment: a literal, or a pattern matched against one path segment. */
    record Segment(String literal, Pattern pattern, int literalCharacters) {
        boolean isLiteral() {
            return pattern == null;
        }

        boolean matches(String segment) {
            return isLiteral() ? literal.equals(segment) : pattern.matcher(segment).matches();
        }
    }

    private final String template;
    private final List<Segment> segments;
    private final Pattern tail;

    private PathTemplate(String template, List<Segment> segments, Pattern tail) {
        this.template = template;
        this.segments = segments;
        this.tail = tail;
    }

    /** Joins a class-level and a method-level {@code @Path}, either possibly null. */
    static String join(String classPath, String methodPath) {
        String a = trimSlashes(classPath == null ? "" : classPath);
        String b = trimSlashes(methodPath == null ? "" : methodPath);
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }

    static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    static PathTemplate parse(String template) {
        String path = trimSlashes(template);
        List<String> rawSegments = splitOutsideBraces(path);
        List<Segment> segments = new ArrayList<>();
        StringBuilder tailRegex = null;
        for (String raw : rawSegments) {
            if (tailRegex == null && hasOwnRegex(raw)) {
                tailRegex = new StringBuilder();
            }
            if (tailRegex != null) {
                if (tailRegex.length() > 0) {
                    tailRegex.append('/');
                }
                tailRegex.append(toRegex(raw));
            } else if (raw.indexOf('{') < 0) {
                segments.add(new Segment(raw, null, raw.length()));
            } else {
                segments.add(new Segment(null, Pattern.compile(toRegex(raw)), literalCharacters(raw)));
            }
        }
        return new PathTemplate(path, List.copyOf(segments), tailRegex == null ? null : Pattern.compile(tailRegex.toString()));
    }

    String template() {
        return template;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The expression for the segments from the first variable with its own regex on; null if none. */
    Pattern tail() {
        return tail;
    }

    private static boolean hasOwnRegex(String segment) {
        int depth = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ':' && depth == 1) {
                return true;
            }
        }
        return false;
    }

    /** Splits at '/' outside variables, whose expressions may contain '/' and nested braces. */
    private static List<String> splitOutsideBraces(String path) {
        List<String> parts = new ArrayList<>();
        if (path.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '/' && depth == 0) {
                parts.add(path.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(path.substring(start));
        return parts;
    }

    /** As the Jakarta REST specification turns a template into a regular expression. */
    private static String toRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c != '{') {
                int next = segment.indexOf('{', i);
                int end = next < 0 ? segment.length() : next;
                regex.append(Pattern.quote(segment.substring(i, end)));
                i = end;
                continue;
            }
            int depth = 0;
            int close = i;
            for (; close < segment.length(); close++) {
                char d = segment.charAt(close);
                if (d == '{') {
                    depth++;
                } else if (d == '}' && --depth == 0) {
                    break;
                }
            }
            String variable = segment.substring(i + 1, Math.min(close, segment.length()));
            int colon = variable.indexOf(':');
            regex.append('(').append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim()).append(')');
            i = close + 1;
        }
        return regex.toString();
    }

    private static int literalCharacters(String segment) {
        int count = 0;
        int depth = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                count++;
            }
        }
        return count;
    }
}
