package io.github.jaxrscors.internal.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Jakarta REST {@code @Path} template split into segments: literal segments, segments with
 * default-syntax variables ({@code {id}}, {@code v{major}.json}), and, from the first variable with a
 * regular expression of its own ({@code {id: \d+}}, {@code {path: .*}}) on, a tail matched as one
 * regular expression, since such an expression may span several segments.
 */
public final class PathTemplate {

    private static final String ANY_SEGMENT = "([^/]+)";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** One segment: a literal, or a pattern matched against one path segment (no regex needed for {@code {id}}). */
    record Segment(String literal, Pattern pattern, int literalCharacters, boolean anySegment) {
        boolean isLiteral() {
            return pattern == null;
        }

        boolean matches(String segment) {
            return matches(segment, 0, segment.length());
        }

        /** Whether the region {@code start..end} of {@code path} is a segment this one matches. */
        boolean matches(String path, int start, int end) {
            if (isLiteral()) {
                return end - start == literal.length() && path.regionMatches(start, literal, 0, literal.length());
            }
            return anySegment ? end > start : pattern.matcher(path).region(start, end).matches();
        }
    }

    /**
     * How Jakarta REST orders templates that match the same request: the resource class's template
     * first, then the whole template; by literal characters, then variables, then variables with a
     * regular expression of their own, each the more the better; a resource method before a
     * sub-resource locator. The smaller rank is preferred.
     */
    record Rank(int classLiterals, int classVariables, int classRegexVariables,
            int literals, int variables, int regexVariables, boolean locator) implements Comparable<Rank> {

        static Rank of(String classTemplate, String template, boolean locator) {
            int[] c = counts(encodeLiterals(trimSlashes(classTemplate == null ? "" : classTemplate)));
            int[] t = counts(encodeLiterals(trimSlashes(template)));
            return new Rank(c[0], c[1], c[2], t[0], t[1], t[2], locator);
        }

        @Override
        public int compareTo(Rank other) {
            int order = Integer.compare(other.classLiterals, classLiterals);
            if (order == 0) {
                order = Integer.compare(other.classVariables, classVariables);
            }
            if (order == 0) {
                order = Integer.compare(other.classRegexVariables, classRegexVariables);
            }
            if (order == 0) {
                order = Integer.compare(other.literals, literals);
            }
            if (order == 0) {
                order = Integer.compare(other.variables, variables);
            }
            if (order == 0) {
                order = Integer.compare(other.regexVariables, regexVariables);
            }
            return order != 0 ? order : Boolean.compare(locator, other.locator);
        }

        /** Literal characters, variables and variables with their own expression of a template. */
        private static int[] counts(String template) {
            int literals = 0;
            int variables = 0;
            int regexVariables = 0;
            int depth = 0;
            boolean ownRegex = false;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '{') {
                    if (depth++ == 0) {
                        variables++;
                        ownRegex = false;
                    }
                } else if (c == '}') {
                    depth--;
                } else if (depth == 0) {
                    literals++;
                } else if (c == ':' && depth == 1 && !ownRegex) {
                    regexVariables++;
                    ownRegex = true;
                }
            }
            return new int[] {literals, variables, regexVariables};
        }
    }

    private final List<Segment> segments;
    private final Pattern tail;

    private PathTemplate(List<Segment> segments, Pattern tail) {
        this.segments = segments;
        this.tail = tail;
    }

    /** Joins a class-level and a method-level {@code @Path}, either possibly null. */
    static String join(String classPath, String methodPath) {
        String a = trimSlashes(classPath == null ? "" : classPath);
        String b = trimSlashes(methodPath == null ? "" : methodPath);
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }

    public static String trimSlashes(String path) {
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

    /**
     * Percent-encodes the literal parts of a template as Jakarta REST does ({@code @Path("a b")}
     * serves {@code /a%20b}), leaving variables and existing {@code %XX} escapes alone, since
     * requests are matched in their encoded form.
     */
    static String encodeLiterals(String template) {
        StringBuilder encoded = null;
        int depth = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            boolean keep = depth > 0 || c == '{' || c == '}' || isPathCharacter(c)
                    || c == '%' && i + 2 < template.length() && isHex(template.charAt(i + 1)) && isHex(template.charAt(i + 2));
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (keep) {
                if (encoded != null) {
                    encoded.append(c);
                }
                continue;
            }
            if (encoded == null) {
                encoded = new StringBuilder(template.length() + 8).append(template, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < template.length() ? i + 2 : i + 1;
            for (byte b : template.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return encoded == null ? template : encoded.toString();
    }

    /** RFC 3986 pchar without '%', plus '/': unreserved, sub-delims, ':' and '@'. */
    private static boolean isPathCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    static PathTemplate parse(String template) {
        String path = encodeLiterals(trimSlashes(template));
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
                segments.add(new Segment(raw, null, raw.length(), false));
            } else {
                String regex = toRegex(raw);
                // A lone default-syntax variable ({id}, the common case) takes any segment but an empty one.
                segments.add(new Segment(null, Pattern.compile(regex), literalCharacters(raw), regex.equals(ANY_SEGMENT)));
            }
        }
        return new PathTemplate(List.copyOf(segments), tailRegex == null ? null : Pattern.compile(tailRegex.toString()));
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
