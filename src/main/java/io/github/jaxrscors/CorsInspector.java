package io.github.jaxrscors;

import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Generation;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decoration;
import io.github.jaxrscors.internal.policy.Exchange;
import io.github.jaxrscors.internal.policy.Reason;
import io.github.jaxrscors.internal.routing.ResourceScanner;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;

/**
 * Asks the library, with no server and no network, what it answers: for a request, whether it is
 * allowed, the policy and route that decided, the reason of a refusal, and the exact status and
 * {@code Access-Control-*} / {@code Vary} headers the server sends; for the application, its route
 * table. It is built from the application's resource classes (or its {@link Application}) and its
 * configuration or a policy given in code, exactly as a deployment builds it, and decides with the
 * same code as the server's filter, so that both answer alike.
 *
 * <pre>{@code
 * CorsInspector cors = CorsInspector.builder()
 *         .resources(OrderResource.class)
 *         .config(config)                    // or .policy(CorsPolicy.builder()...build())
 *         .build();
 * CorsInspector.Answer answer = cors.preflight("https://partner.example", "PUT", "/orders/7", "X-Request-Id");
 * answer.allowed();   // false
 * answer.reason();    // "header 'x-request-id' not allowed"
 * }</pre>
 *
 * <p>It needs a Jakarta REST implementation on the class path, as the application has. It counts
 * nothing into the metrics, starts no refresh thread, and logs only what the decision log logs.
 */
public final class CorsInspector {

    /** What the library did with a request. */
    public enum Outcome {
        /** A CORS request the policy allows. */
        ALLOWED,
        /** A CORS request the policy refuses (answered 403, or passed on without CORS headers, or, report-only, untouched). */
        REFUSED,
        /** A request the policy refuses, passed untouched because it comes from the server's own origin. */
        SAME_ORIGIN,
        /** Not a CORS request: no {@code Origin}. */
        NOT_CORS,
        /** Left to the application: {@code @Cors(enabled = false)}, or {@code cors.enabled=false}. */
        IGNORED
    }

    /**
     * The library's answer to one request.
     *
     * @param outcome what the library did with it
     * @param policy the name of the policy that decided ({@code default}, or a {@code cors.policy.<name>}
     *     name); null when no policy did
     * @param route the resource method that decided, as the log names it ({@code PUT /orders/{id}});
     *     null for a path no resource method serves
     * @param reason why it was refused, as the log says it; null unless refused
     * @param reasonCode the {@code cors.reason} of the {@code cors.requests} metric ({@code header},
     *     {@code malformed_origin}, …); null unless refused
     * @param reportOnly whether the deciding policy only reports: the response is then the application's, untouched
     * @param status the status of the library's own answer (a preflight's, or a refusal); empty when
     *     the application answers
     * @param headers the {@code Access-Control-*}, {@code Vary} and {@code Cors-Refusal} headers the
     *     library sends, or adds to the application's response; names in lower case, values in order
     */
    public record Answer(Outcome outcome, String policy, String route, String reason, String reasonCode,
            boolean reportOnly, OptionalInt status, Map<String, List<String>> headers) {

        /** {@return whether the request is a CORS request that the policy allows} */
        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }

        /**
         * {@return the value of one header the library sends, its lines joined with {@code ", "}}
         *
         * @param name the header's name, in any case
         */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? Optional.empty() : Optional.of(String.join(", ", values));
        }
    }

    /**
     * One resource method, and the policy that answers it.
     *
     * @param method its HTTP method, or {@code *} for a sub-resource locator
     * @param path its path template, relative to the application: {@code /orders/{id}}
     * @param policyName the policy it starts from: {@code default}, or a {@code cors.policy.<name>} name
     * @param policy its effective policy ({@code @Cors} merged); null when {@code @Cors(enabled = false)}
     *     leaves it to the application
     */
    public record Route(String method, String path, String policyName, CorsPolicy policy) {
    }

    private static final Set<String> ANSWER_HEADERS = Set.of(CorsHeaders.VARY, CorsHeaders.REFUSAL);

    private final Generation generation;
    private final URI serverOrigin;

    private CorsInspector(Generation generation, URI serverOrigin) {
        this.generation = generation;
        this.serverOrigin = serverOrigin;
    }

    /** {@return a builder: give it the resources and the configuration or a policy} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks about a CORS-preflight request.
     *
     * @param origin the {@code Origin}
     * @param requestMethod the {@code Access-Control-Request-Method}
     * @param path the request path relative to the application, encoded: {@code /orders/7}
     * @param requestHeaders the names in {@code Access-Control-Request-Headers}, none for no such header
     * @return the answer
     */
    public Answer preflight(String origin, String requestMethod, String path, String... requestHeaders) {
        List<String> headers = new ArrayList<>(List.of("Origin", origin, "Access-Control-Request-Method", requestMethod));
        if (requestHeaders.length > 0) {
            headers.add("Access-Control-Request-Headers");
            headers.add(String.join(", ", requestHeaders));
        }
        return request("OPTIONS", path, headers.toArray(String[]::new));
    }

    /**
     * Asks about an actual request from {@code origin}.
     *
     * @param origin the {@code Origin}
     * @param method the request's method
     * @param path the request path relative to the application, encoded: {@code /orders/7}
     * @return the answer
     */
    public Answer actual(String origin, String method, String path) {
        return request(method, path, "Origin", origin);
    }

    /**
     * Asks about any request.
     *
     * @param method the request's method
     * @param path the request path relative to the application, encoded: {@code /orders/7}
     * @param headers the request's header lines, name and value alternating; a name given twice is
     *     two lines, joined with commas as HTTP joins them; spaces and tabs around a value are not
     *     part of it, as in HTTP
     * @return the answer
     */
    public Answer request(String method, String path, String... headers) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers: names and values alternate, so their count is even");
        }
        Request request = new Request(method, path.startsWith("/") ? path : "/" + path, headers);
        Decision decision = new Decision();
        generation.decide(request, new Offline(serverOrigin), decision);
        return decision.answer(request);
    }

    /** {@return every resource method with its HTTP method, path template and effective policy} */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (io.github.jaxrscors.internal.routing.Route route : generation.routes()) {
            routes.add(new Route(route.method() == null ? "*" : route.method(), "/" + route.template(), route.policyName(),
                    route.enabled() ? new CorsPolicy(route.policy().policy()) : null));
        }
        return Collections.unmodifiableList(routes);
    }

    /** A request described in code. */
    private static final class Request {
        final String method;
        final String path;
        final Map<String, String> headers = new LinkedHashMap<>();
        Response answer;
        Decoration decoration;

        Request(String method, String path, String[] lines) {
            this.method = method;
            this.path = path;
            for (int i = 0; i < lines.length; i += 2) {
                headers.merge(lines[i].toLowerCase(Locale.ROOT), fieldValue(Objects.requireNonNull(lines[i + 1], lines[i])),
                        (a, b) -> a + "," + b);
            }
        }

        /**
         * The value as a server hands it to the application: HTTP leaves the whitespace around a
         * field value out of it (RFC 9110, 5.5), so {@code " https://a.example"} is the origin
         * {@code https://a.example} there, and must be here.
         */
        private static String fieldValue(String line) {
            int start = 0;
            int end = line.length();
            while (start < end && isOptionalWhitespace(line.charAt(start))) {
                start++;
            }
            while (end > start && isOptionalWhitespace(line.charAt(end - 1))) {
                end--;
            }
            return line.substring(start, end);
        }

        private static boolean isOptionalWhitespace(char c) {
            return c == ' ' || c == '\t';
        }
    }

    /** What the generation did with one request, as it told it. */
    private static final class Decision implements Generation.Observer {
        io.github.jaxrscors.internal.routing.Route route;
        String outcome;
        Reason reason;
        String reasonText;

        @Override
        public void decided(io.github.jaxrscors.internal.routing.Route route, boolean preflight, String outcome, Reason reason,
                String reasonText) {
            this.route = route;
            this.outcome = outcome;
            this.reason = reason;
            this.reasonText = reasonText;
        }

        Answer answer(Request request) {
            MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
            OptionalInt status = OptionalInt.empty();
            if (request.answer != null) {
                status = OptionalInt.of(request.answer.getStatus());
                headers.putAll(request.answer.getHeaders());
            } else if (request.decoration != null) {
                request.decoration.writeTo(headers);
            }
            Outcome result = outcome != null ? Outcome.valueOf(outcome.toUpperCase(Locale.ROOT))
                    : request.headers.containsKey(CorsHeaders.ORIGIN) ? Outcome.IGNORED : Outcome.NOT_CORS;
            String policy = route != null ? route.policyName() : null;
            boolean reportOnly = route != null && route.policy().reportOnly();
            return new Answer(result, policy, route == null ? null : route.description(), reasonText,
                    reason == null ? null : reason.attribute(), reportOnly, status, answerHeaders(headers));
        }

        private static Map<String, List<String>> answerHeaders(MultivaluedMap<String, Object> headers) {
            Map<String, List<String>> answer = new LinkedHashMap<>();
            headers.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("access-control-") || ANSWER_HEADERS.contains(lower)) {
                    answer.put(lower, values.stream().map(String::valueOf).toList());
                }
            });
            return Collections.unmodifiableMap(answer);
        }
    }

    /** The exchange of a request described in code: the application's base path is {@code /}. */
    private record Offline(URI serverOrigin) implements Exchange<Request> {

        @Override
        public String header(Request request, String lowerCaseName) {
            return request.headers.get(lowerCaseName);
        }

        @Override
        public String method(Request request) {
            return request.method;
        }

        @Override
        public String rawPath(Request request) {
            return request.path;
        }

        @Override
        public String rawBasePath(Request request) {
            return "/";
        }

        @Override
        public URI requestUri(Request request) {
            return serverOrigin.resolve(request.path);
        }

        @Override
        public void answer(Request request, Response response) {
            request.answer = response;
        }

        @Override
        public void decorate(Request request, Decoration decoration) {
            request.decoration = decoration;
        }
    }

    /** Collects the application and its configuration; {@link #build()} reads them as a deployment does. */
    public static final class Builder {

        private final Set<Class<?>> resources = new LinkedHashSet<>();
        private CorsPolicy policy;
        private Supplier<Settings.Source> settings;
        private URI serverOrigin = URI.create("http://localhost");

        private Builder() {
        }

        /**
         * The application's resource classes, as Jakarta REST deploys them.
         *
         * @param resourceClasses root resource classes ({@code @Path})
         * @return this builder
         */
        public Builder resources(Class<?>... resourceClasses) {
            for (Class<?> resourceClass : resourceClasses) {
                resources.add(Objects.requireNonNull(resourceClass, "resources: a class is null"));
            }
            return this;
        }

        /**
         * The classes of the application's {@code Application}: its classes and its singletons'.
         *
         * @param application the application, as the runtime would deploy it
         * @return this builder
         */
        public Builder application(Application application) {
            Objects.requireNonNull(application, "application");
            resources.addAll(application.getClasses());
            application.getSingletons().forEach(singleton -> resources.add(singleton.getClass()));
            return this;
        }

        /**
         * Reads the {@code cors.*} keys from {@code config}, as the deployment reads them.
         *
         * @param config the application's configuration
         * @return this builder
         */
        public Builder config(Config config) {
            Objects.requireNonNull(config, "config");
            settings = () -> MicroProfileSettings.of(config);
            return this;
        }

        /**
         * Uses {@code policy} as the default policy, as {@code new CorsFeature(policy)} does; named
         * policies still come from {@link #config(Config)}, if given.
         *
         * @param policy the default policy given in code
         * @return this builder
         */
        public Builder policy(CorsPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The server's own origin, for the same-origin check of requests without
         * {@code Sec-Fetch-Site}. Default {@code http://localhost}.
         *
         * @param origin {@code scheme://host[:port]}
         * @return this builder
         */
        public Builder serverOrigin(String origin) {
            URI uri = URI.create(Objects.requireNonNull(origin, "serverOrigin"));
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                throw new IllegalArgumentException("serverOrigin: '" + origin + "' is not scheme://host[:port]");
            }
            this.serverOrigin = uri;
            return this;
        }

        /**
         * Reads the configuration and the resources' {@code @Cors} as a deployment does.
         *
         * @return the inspector
         * @throws CorsConfigException every mistake, as the deployment would report it
         * @throws IllegalStateException when neither a configuration nor a policy was given, or no
         *     resource class
         */
        public CorsInspector build() {
            if (settings == null && policy == null) {
                throw new IllegalStateException("give the configuration (config(...)) or the default policy (policy(...))");
            }
            if (resources.stream().noneMatch(ResourceScanner::isRootResource)) {
                throw new IllegalStateException("give the application's resource classes (resources(...) or application(...)): "
                        + "none of " + resources + " is a root resource");
            }
            Supplier<Settings.Source> source = settings != null ? settings : () -> Settings.sourceOf(Map.of());
            Deployment deployment = Deployment.offline(policy == null ? null : policy.policy(), source, resources);
            return new CorsInspector(deployment.generation(), serverOrigin);
        }
    }
}
