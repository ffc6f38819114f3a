package io.github.jaxrscors;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the route of a request from its path and method, as Jakarta REST finds the resource method.
 *
 * <p>Templates are kept in a tree of path segments: a literal segment is a hash look-up, a segment
 * with default-syntax variables a pattern tried against one segment, and a template's part from its
 * first variable with a regular expression of its own on (which may span segments) a "tail" tried
 * against the rest of the path. A look-up walks only the branches the request's segments match, so
 * its cost grows with the path's depth and the templates that share its prefix, not with the number
 * of resources. When every resource shares one policy no look-up is needed at all.
 *
 * <p>Of the templates that match, the one Jakarta REST prefers wins (see {@link PathTemplate.Rank}):
 * a resource class's own template first, then the method's; more literal characters, then more
 * variables, then more variables with their own regular expression; a resource method before a
 * sub-resource locator. A template without a method for the request's method is passed over for
 * the next one, as Jersey does; if none serves the method, the default policy answers.
 */
final class Routes {

    /**
     * A resource method or sub-resource locator ({@code method} null) at a path template.
     *
     * @param classTemplate the resource class's own {@code @Path}, which Jakarta REST ranks first
     * @param template the class's and the method's {@code @Path} joined
     */
    record Entry(String classTemplate, String template, String method, Route route) {

        /** An entry ranked by its template alone, as if it were a class's {@code @Path}. */
        Entry(String template, String method, Route route) {
            this(template, template, method, route);
        }
    }

    private static final Routes DISABLED = new Routes(null, List.of());

    private final Route fallback;
    private final Route uniform;
    private final Node root = new Node();

    private Routes(Route fallback, List<Entry> entries) {
        this.fallback = fallback;
        for (Entry entry : entries) {
            add(entry);
        }
        root.sort();
        this.uniform = fallback != null && entries.stream().allMatch(e -> sameAnswer(e.route(), fallback)) ? fallback : null;
    }

    static Routes of(Route fallback, List<Entry> entries) {
        return new Routes(fallback, entries);
    }

    /** {@code cors.enabled=false}: every request is left alone. */
    static Routes disabled() {
        return DISABLED;
    }

    boolean enabled() {
        return fallback != null;
    }

    Route fallback() {
        return fallback;
    }

    /** The route for the request's path and the given method (the requested one, for a preflight). */
    Route find(ContainerRequestContext request, String method) {
        // Jakarta REST matches the encoded path: an encoded '/' (%2F) stays inside its segment.
        return uniform != null ? uniform : find(EncodedPath.of(request.getUriInfo()), method);
    }

    /** The route for a path relative to the application's base URI, in its encoded form. */
    Route find(String path, String method) {
        if (path.indexOf(';') >= 0) {
            path = withoutMatrixParameters(path);
        }
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        boolean trailingSlash = start == end || path.endsWith("/");
        // The walk reads the path in place, so that a look-up allocates nothing but regex matchers.
        Target target = match(root, path, start == end ? end + 1 : start, end, method, trailingSlash);
        return target != null ? target.route : fallback;
    }

    /** Jakarta REST matches paths without their matrix parameters ({@code /customers;v=2/export}). */
    static String withoutMatrixParameters(String path) {
        StringBuilder stripped = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == ';') {
                while (i < path.length() && path.charAt(i) != '/') {
                    i++;
                }
                continue;
            }
            stripped.append(c);
            i++;
        }
        return stripped.toString();
    }

    private static boolean sameAnswer(Route a, Route b) {
        return a.policy() == b.policy() && a.policyName().equals(b.policyName());
    }

    private void add(Entry entry) {
        PathTemplate template = PathTemplate.parse(entry.template());
        Target target = new Target(entry.route(),
                PathTemplate.Rank.of(entry.classTemplate(), entry.template(), entry.method() == null));
        Node node = root;
        for (PathTemplate.Segment segment : template.segments()) {
            node = segment.isLiteral()
                    ? node.literals.computeIfAbsent(segment.literal(), s -> new Node())
                    : node.child(segment);
        }
        if (template.tail() != null) {
            node.tail(template.tail(), entry.method() == null).put(entry.method(), target);
        } else if (entry.method() == null) {
            node.locator = better(node.locator, target);
        } else {
            node.methods.merge(entry.method(), target, Routes::better);
        }
    }

    /**
     * The best target in the subtree for {@code path} from {@code from} to {@code end}, or null if
     * none serves the method. {@code from > end} once every segment is consumed.
     */
    private static Target match(Node node, String path, int from, int end, String method, boolean trailingSlash) {
        Target best = null;
        if (from > end) {
            best = forMethod(node.methods, method);
        } else {
            int slash = path.indexOf('/', from);
            int segmentEnd = slash < 0 || slash > end ? end : slash;
            Node literal = node.literal(path, from, segmentEnd);
            if (literal != null) {
                best = match(literal, path, segmentEnd + 1, end, method, trailingSlash);
            }
            for (Edge edge : node.edges) {
                if (edge.segment.matches(path, from, segmentEnd)) {
                    best = better(best, match(edge.child, path, segmentEnd + 1, end, method, trailingSlash));
                }
            }
        }
        if (!node.tails.isEmpty()) {
            int restStart = Math.min(from, end);
            // A tail follows a '/' in its template, so it can match nothing only after a trailing
            // slash, and not at all where resource methods answer the path itself (Jersey: 405).
            if (restStart < end || trailingSlash && node.methods.isEmpty()) {
                for (Tail tail : node.tails) {
                    best = better(best, tail.match(path, restStart, end, method));
                }
            }
        }
        return better(best, node.locator);
    }

    /** The target Jakarta REST prefers; on a tie the one found first (literal segments are tried first). */
    private static Target better(Target found, Target other) {
        if (other == null) {
            return found;
        }
        return found == null || other.rank.compareTo(found.rank) < 0 ? other : found;
    }

    /** HEAD is served by the GET method when there is no HEAD method, as in Jakarta REST. */
    private static Target forMethod(Map<String, Target> methods, String method) {
        if (methods.isEmpty()) {
            return null;
        }
        Target target = methods.get(method);
        return target == null && "HEAD".equals(method) ? methods.get("GET") : target;
    }

    /** A route with the rank of the template it was declared at. */
    private record Target(Route route, PathTemplate.Rank rank) {
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        private LiteralTable literalTable = LiteralTable.EMPTY;
        final List<Edge> edges = new ArrayList<>();
        final List<Tail> tails = new ArrayList<>();
        final Map<String, Target> methods = new HashMap<>();
        Target locator;

        Node child(PathTemplate.Segment segment) {
            for (Edge edge : edges) {
                if (edge.segment.pattern().pattern().equals(segment.pattern().pattern())) {
                    return edge.child;
                }
            }
            Edge edge = new Edge(segment, new Node());
            edges.add(edge);
            return edge.child;
        }

        Tail tail(Pattern pattern, boolean locator) {
            String regex = locator ? "(?:" + pattern.pattern() + ")(?:/.*)?" : pattern.pattern();
            for (Tail tail : tails) {
                if (tail.pattern.pattern().equals(regex)) {
                    return tail;
                }
            }
            Tail tail = new Tail(Pattern.compile(regex));
            tails.add(tail);
            return tail;
        }

        Node literal(String path, int start, int end) {
            return literalTable.get(path, start, end);
        }

        /** Freezes the literal children and orders the templates, once every entry is in. */
        void sort() {
            literalTable = LiteralTable.of(literals);
            // Segments with more literal characters first, so that ties go to the more literal template.
            edges.sort(Comparator.comparingInt((Edge e) -> -e.segment.literalCharacters()));
            literals.values().forEach(Node::sort);
            edges.forEach(e -> e.child.sort());
        }
    }

    private record Edge(PathTemplate.Segment segment, Node child) {
    }

    private static final class Tail {
        final Pattern pattern;
        final Map<String, Target> methods = new HashMap<>();
        Target locator;

        Tail(Pattern pattern) {
            this.pattern = pattern;
        }

        void put(String method, Target target) {
            if (method == null) {
                locator = better(locator, target);
            } else {
                methods.merge(method, target, Routes::better);
            }
        }

        Target match(String path, int start, int end, String method) {
            if (!pattern.matcher(path).region(start, end).matches()) {
                return null;
            }
            return locator != null ? locator : forMethod(methods, method);
        }
    }

    /**
     * Literal segments by name, looked up by a region of the request path so that no segment string
     * is cut out of it: open addressing over the same hash as {@link String#hashCode()}.
     */
    private static final class LiteralTable {
        static final LiteralTable EMPTY = new LiteralTable(new String[1], new Node[1]);

        private final String[] keys;
        private final Node[] nodes;

        private LiteralTable(String[] keys, Node[] nodes) {
            this.keys = keys;
            this.nodes = nodes;
        }

        static LiteralTable of(Map<String, Node> literals) {
            if (literals.isEmpty()) {
                return EMPTY;
            }
            int size = Integer.highestOneBit(literals.size() * 2 + 1) << 1;
            LiteralTable table = new LiteralTable(new String[size], new Node[size]);
            literals.forEach((key, node) -> {
                int slot = spread(key.hashCode()) & (size - 1);
                while (table.keys[slot] != null) {
                    slot = (slot + 1) & (size - 1);
                }
                table.keys[slot] = key;
                table.nodes[slot] = node;
            });
            return table;
        }

        Node get(String path, int start, int end) {
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + path.charAt(i);
            }
            int mask = keys.length - 1;
            int length = end - start;
            for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
                String key = keys[slot];
                if (key.length() == length && path.regionMatches(start, key, 0, length)) {
                    return nodes[slot];
                }
            }
            return null;
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
    }
}
