package io.github.jaxrscors;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the route of a request from its path and method, as Jakarta REST would find the resource
 * method: a tree of path segments where literal segments are tried before templates, and regex
 * tails last. A look-up walks the request's segments, so its cost grows with the path's depth, not
 * with the number of resources. When every resource shares one policy no look-up is needed at all.
 */
final class Routes {

    /** A resource method or sub-resource locator at a path template; {@code method} null for a locator. */
    record Entry(String template, String method, Route route) {
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
        return uniform != null ? uniform : find(request.getUriInfo().getPath(), method);
    }

    /** The route for a path relative to the application's base URI. */
    Route find(String path, String method) {
        String normalized = PathTemplate.trimSlashes(path);
        String[] segments = normalized.isEmpty() ? new String[0] : normalized.split("/", -1);
        Route route = match(root, normalized, segments, 0, method);
        return route != null ? route : fallback;
    }

    private static boolean sameAnswer(Route a, Route b) {
        return a.policy() == b.policy() && a.policyName().equals(b.policyName());
    }

    private void add(Entry entry) {
        PathTemplate template = PathTemplate.parse(entry.template());
        Node node = root;
        for (PathTemplate.Segment segment : template.segments()) {
            node = segment.isLiteral()
                    ? node.literals.computeIfAbsent(segment.literal(), s -> new Node())
                    : node.child(segment);
        }
        if (template.tail() != null) {
            Tail tail = node.tail(template.tail(), entry.method() == null);
            tail.put(entry.method(), entry.route());
        } else if (entry.method() == null) {
            node.locator = node.locator == null ? entry.route() : node.locator;
        } else {
            node.methods.putIfAbsent(entry.method(), entry.route());
        }
    }

    private static Route match(Node node, String path, String[] segments, int index, String method) {
        if (index == segments.length) {
            Route route = forMethod(node.methods, method);
            if (route != null) {
                return route;
            }
        } else {
            String segment = segments[index];
            Node literal = node.literals.get(segment);
            if (literal != null) {
                Route route = match(literal, path, segments, index + 1, method);
                if (route != null) {
                    return route;
                }
            }
            for (Edge edge : node.edges) {
                if (edge.segment.matches(segment)) {
                    Route route = match(edge.child, path, segments, index + 1, method);
                    if (route != null) {
                        return route;
                    }
                }
            }
        }
        if (!node.tails.isEmpty()) {
            String rest = remainder(path, segments, index);
            for (Tail tail : node.tails) {
                Route route = tail.match(rest, method);
                if (route != null) {
                    return route;
                }
            }
        }
        return node.locator;
    }

    private static String remainder(String path, String[] segments, int index) {
        int offset = 0;
        for (int i = 0; i < index; i++) {
            offset += segments[i].length() + 1;
        }
        return offset >= path.length() ? "" : path.substring(offset);
    }

    /** HEAD is served by the GET method when there is no HEAD method, as in Jakarta REST. */
    private static Route forMethod(Map<String, Route> methods, String method) {
        Route route = methods.get(method);
        return route == null && "HEAD".equals(method) ? methods.get("GET") : route;
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        final List<Edge> edges = new ArrayList<>();
        final List<Tail> tails = new ArrayList<>();
        final Map<String, Route> methods = new HashMap<>();
        Route locator;

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
            Tail tail = new Tail(Pattern.compile(regex), locator);
            tails.add(tail);
            return tail;
        }

        /** Templates with more literal characters first, as Jakarta REST sorts them; locators last. */
        void sort() {
            edges.sort(Comparator.comparingInt((Edge e) -> -e.segment.literalCharacters()));
            tails.sort(Comparator.comparing((Tail t) -> t.locator));
            literals.values().forEach(Node::sort);
            edges.forEach(e -> e.child.sort());
        }
    }

    private record Edge(PathTemplate.Segment segment, Node child) {
    }

    private static final class Tail {
        final Pattern pattern;
        final boolean locator;
        final Map<String, Route> methods = new LinkedHashMap<>();
        Route locatorRoute;

        Tail(Pattern pattern, boolean locator) {
            this.pattern = pattern;
            this.locator = locator;
        }

        void put(String method, Route route) {
            if (method == null) {
                locatorRoute = locatorRoute == null ? route : locatorRoute;
            } else {
                methods.putIfAbsent(method, route);
            }
        }

        Route match(String rest, String method) {
            if (!pattern.matcher(rest).matches()) {
                return null;
            }
            return locator ? locatorRoute : forMethod(methods, method);
        }
    }
}
