package io.github.jaxrscors.internal.routing;

import io.github.jaxrscors.internal.policy.ProbeTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the route of a request from its path and method, as Jakarta REST finds the resource method.
 * The library has to find it itself: its request filter runs before matching ({@code @PreMatching}),
 * so that preflights are answered and refusals made before authentication filters run, and a
 * preflight's route is the one of the method it asks for ({@code Access-Control-Request-Method}),
 * which the runtime would never match for an {@code OPTIONS} request.
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
public final class RouteTable {

    private final Route fallback;
    private final Route uniform;
    private final Node root = new Node();

    /** {@code fallback} answers paths that no route serves. */
    public RouteTable(Route fallback, List<Route> routes) {
        this.fallback = fallback;
        for (Route route : routes) {
            add(route);
        }
        root.sort();
        this.uniform = routes.stream().allMatch(route -> route.sameAnswer(fallback)) ? fallback : null;
    }

    /** The route every path has, when all have the same; then no look-up is needed. Null otherwise. */
    public Route uniform() {
        return uniform;
    }

    /**
     * The route for the given method (the requested one, for a preflight) at {@code path} from
     * {@code from} on: the path relative to the application's base URI, in its encoded form, since
     * Jakarta REST matches the encoded path (an encoded '/' stays inside its segment).
     */
    public Route find(String path, int from, String method) {
        return uniform != null ? uniform : lookUp(path, from, method, fallback);
    }

    /** The resource method's route for the path, even where every path has the same policy; null if none. */
    public Route template(String path, int from, String method) {
        return lookUp(path, from, method, null);
    }

    private Route lookUp(String path, int from, String method, Route orElse) {
        if (path.indexOf(';', from) >= 0) {
            path = withoutMatrixParameters(path.substring(from));
            from = 0;
        }
        int start = from;
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
        return target != null ? target.route : orElse;
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

    private void add(Route route) {
        PathTemplate template = PathTemplate.parse(route.template());
        Target target = new Target(route, PathTemplate.Rank.of(route.classTemplate(), route.template(), route.method() == null));
        Node node = root;
        for (PathTemplate.Segment segment : template.segments()) {
            node = segment.isLiteral()
                    ? node.literals.computeIfAbsent(segment.literal(), s -> new Node())
                    : node.child(segment);
        }
        if (template.tail() != null) {
            node.tail(template.tail(), route.method() == null).put(route.method(), target);
        } else if (route.method() == null) {
            node.locator = better(node.locator, target);
        } else {
            node.methods.merge(route.method(), target, RouteTable::better);
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
        /** The literal children, frozen by {@link #sort()}, hashed as {@link String#hashCode()} hashes. */
        private ProbeTable<Map.Entry<String, Node>> literalTable;
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

        /** The child for the segment {@code path[start, end)}, looked up without cutting it out. */
        Node literal(String path, int start, int end) {
            if (literals.isEmpty()) {
                return null;
            }
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + path.charAt(i);
            }
            int length = end - start;
            for (int slot = literalTable.first(hash); literalTable.at(slot) != null; slot = literalTable.next(slot)) {
                String key = literalTable.at(slot).getKey();
                if (key.length() == length && path.regionMatches(start, key, 0, length)) {
                    return literalTable.at(slot).getValue();
                }
            }
            return null;
        }

        /** Freezes the literal children and orders the templates, once every entry is in. */
        void sort() {
            literalTable = new ProbeTable<>(literals.entrySet(), entry -> entry.getKey().hashCode());
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
                methods.merge(method, target, RouteTable::better);
            }
        }

        Target match(String path, int start, int end, String method) {
            if (!pattern.matcher(path).region(start, end).matches()) {
                return null;
            }
            return locator != null ? locator : forMethod(methods, method);
        }
    }
}
