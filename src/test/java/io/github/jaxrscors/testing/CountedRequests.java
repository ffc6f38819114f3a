package io.github.jaxrscors.testing;

import io.github.jaxrscors.Cors;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The requests of the metrics tests, each with the one {@code cors.requests} series it must add 1
 * to (or none): every kind, outcome, mode and reason the contract lists, a named policy, and the
 * requests that are not counted. The metrics backends' tests send them and read their backend.
 * Counts are shared by every application of the class loader and only grow, so a test compares
 * the series before and after each request.
 */
public final class CountedRequests {

    public static final String APP = "https://app.example.com";
    public static final String PARTNER = "https://partner.example.net";
    public static final String FOREIGN = "https://evil.example.org";
    /** Stands for the server's own origin, which only the running server knows. */
    private static final String OWN_ORIGIN = "(own origin)";

    public static final String PARTNERS = "partners";
    public static final String ROLLOUT = "rollout";

    /** The application's whole configuration; {@code rollout} is report-only, with the default's origins. */
    public static final Map<String, String> CONFIG = Map.of(
            "cors.allowed-origins", APP,
            "cors.allowed-methods", "PUT",
            "cors.allowed-headers", "X-Request-Id",
            "cors.policy." + PARTNERS + ".allowed-origins", PARTNER,
            "cors.policy." + ROLLOUT + ".report-only", "true");

    @Path("items")
    public static class Items {
        @GET
        public String get() {
            return "items";
        }

        @PUT
        public String put() {
            return "put";
        }

        @POST
        public String post(String body) {
            return "posted";
        }

        @DELETE
        public String delete() {
            return "deleted";
        }
    }

    @Path("partners")
    @Cors(PARTNERS)
    public static class Partners {
        @GET
        public String get() {
            return "partners";
        }
    }

    @Path("rollout")
    @Cors(ROLLOUT)
    public static class Rollout {
        @GET
        public String get() {
            return "rollout";
        }
    }

    @Path("internal")
    @Cors(enabled = false)
    public static class Internal {
        @GET
        public String get() {
            return "internal";
        }

        @PUT
        public String put() {
            return "put";
        }
    }

    /** A {@code @Cors} mistake that only the start finds: the deployment fails, and fails closed. */
    @Path("stores")
    public static class LocatorsOnly {
        @Path("{id}")
        @Cors(origins = "https://*.co.uk")
        public Store store() {
            return new Store();
        }
    }

    public static class Store {
        @GET
        public String get() {
            return "store";
        }
    }

    /**
     * One combination of the counter's attributes, as the contract names their values; {@code reason}
     * is null unless refused.
     */
    public record Series(String kind, String outcome, String mode, String policy, String reason) {
    }

    /**
     * A request, the status the client gets, and the series it adds 1 to, or null when it must not be counted.
     *
     * @param headers name and value alternating
     */
    public record Case(String description, String method, String path, List<String> headers, int status, Series counted) {

        @Override
        public String toString() {
            return description;
        }

        public Reply send(TestServer server) {
            String[] sent = headers.stream().map(value -> value.equals(OWN_ORIGIN) ? server.ownOrigin() : value)
                    .toArray(String[]::new);
            return method.equals("POST") ? server.sendWithBody(method, path, "{}", sent) : server.send(method, path, sent);
        }
    }

    private CountedRequests() {
    }

    public static ResourceConfig application() {
        return new ResourceConfig(Items.class, Partners.class, Rollout.class, Internal.class);
    }

    /** {@link #CONFIG} with {@code more} on top. */
    public static Config config(Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(CONFIG);
        properties.putAll(more);
        return TestConfig.of(properties);
    }

    public static Stream<Case> cases() {
        return Stream.of(
                counted("allowed actual request", "GET", "items", 200, actual("allowed", "default", null), "Origin", APP),
                counted("allowed preflight", "OPTIONS", "items", 204, preflight("allowed", "default", null),
                        "Origin", APP, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-request-id"),
                counted("actual request from a foreign origin", "GET", "items", 403, actual("refused", "default", "origin"),
                        "Origin", FOREIGN),
                counted("preflight from a foreign origin", "OPTIONS", "items", 403, preflight("refused", "default", "origin"),
                        "Origin", FOREIGN, "Access-Control-Request-Method", "PUT"),
                counted("actual request from a malformed origin", "GET", "items", 403,
                        actual("refused", "default", "malformed_origin"), "Origin", "https://app.example.com/"),
                counted("preflight from a malformed origin", "OPTIONS", "items", 403,
                        preflight("refused", "default", "malformed_origin"), "Origin", "app.example.com",
                        "Access-Control-Request-Method", "PUT"),
                counted("actual request with a method not allowed", "DELETE", "items", 403, actual("refused", "default", "method"),
                        "Origin", APP),
                counted("preflight for a method not allowed", "OPTIONS", "items", 403, preflight("refused", "default", "method"),
                        "Origin", APP, "Access-Control-Request-Method", "DELETE"),
                counted("preflight for a header not allowed", "OPTIONS", "items", 403, preflight("refused", "default", "header"),
                        "Origin", APP, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-secret"),
                counted("actual request with a content type not allowed", "POST", "items", 403,
                        actual("refused", "default", "content_type"), "Origin", APP, "Content-Type", "application/json"),
                // Answered without the permission, which the browser then refuses.
                counted("private-network preflight not allowed", "OPTIONS", "items", 204,
                        preflight("refused", "default", "private_network"), "Origin", APP, "Access-Control-Request-Method", "PUT",
                        "Access-Control-Request-Private-Network", "true"),
                counted("same-origin actual request", "PUT", "items", 200, actual("same_origin", "default", null),
                        "Origin", OWN_ORIGIN),
                counted("same-origin preflight", "OPTIONS", "items", 200, preflight("same_origin", "default", null),
                        "Origin", OWN_ORIGIN, "Access-Control-Request-Method", "PUT"),
                counted("named policy, allowed", "GET", "partners", 200, actual("allowed", PARTNERS, null), "Origin", PARTNER),
                counted("named policy, refused", "GET", "partners", 403, actual("refused", PARTNERS, "origin"), "Origin", APP),
                counted("report-only policy, allowed", "GET", "rollout", 200,
                        new Series("actual", "allowed", "report_only", ROLLOUT, null), "Origin", APP),
                counted("report-only policy, would refuse: the application answers", "GET", "rollout", 200,
                        new Series("actual", "refused", "report_only", ROLLOUT, "origin"), "Origin", FOREIGN),
                counted("no Origin: not a CORS request", "GET", "items", 200, null),
                counted("@Cors(enabled = false), actual request", "GET", "internal", 200, null, "Origin", FOREIGN),
                // Jersey answers the OPTIONS itself, with the resource's allowed methods.
                counted("@Cors(enabled = false), preflight", "OPTIONS", "internal", 200, null,
                        "Origin", FOREIGN, "Access-Control-Request-Method", "PUT"));
    }

    private static Case counted(String description, String method, String path, int status, Series series, String... headers) {
        return new Case(description, method, path, List.of(headers), status, series);
    }

    public static Series actual(String outcome, String policy, String reason) {
        return new Series("actual", outcome, "enforce", policy, reason);
    }

    public static Series preflight(String outcome, String policy, String reason) {
        return new Series("preflight", outcome, "enforce", policy, reason);
    }

    /**
     * The application whose deployment failed ({@link LocatorsOnly}), served by Jersey without a
     * container: a container would refuse to start it, and the library refuses every cross-origin
     * request of a runtime that serves it all the same.
     */
    public static ApplicationHandler failedDeployment() {
        Config config = TestConfig.of(CONFIG);
        return new ApplicationHandler(new ResourceConfig(LocatorsOnly.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(config))));
    }

    /** The status Jersey answers {@code app} with; {@code headers} alternate name and value. */
    public static int status(ApplicationHandler app, String method, String path, String... headers) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost/" + path),
                method, null, new MapPropertiesDelegate(), app.getConfiguration());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return app.apply(request).get().getStatus();
    }

    /** The series that grew from {@code before} to {@code after}, by how much. */
    public static <K> Map<K, Long> grown(Map<K, Long> before, Map<K, Long> after) {
        Map<K, Long> grown = new LinkedHashMap<>();
        after.forEach((series, count) -> {
            long growth = count - before.getOrDefault(series, 0L);
            if (growth != 0) {
                grown.put(series, growth);
            }
        });
        return grown;
    }

    /** Every request of {@link #cases()} that is counted, in order, for a test that sends them all. */
    public static List<Case> countedCases() {
        List<Case> counted = new ArrayList<>();
        cases().filter(c -> c.counted() != null).forEach(counted::add);
        return counted;
    }

    /** Attributes as a map, for comparing series: {@code "cors.kind" -> "actual"}; the reason only where given. */
    public static Map<String, String> attributes(Series series, String reasonWhenNotRefused) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("cors.kind", series.kind());
        attributes.put("cors.outcome", series.outcome());
        attributes.put("cors.mode", series.mode());
        attributes.put("cors.policy", series.policy());
        String reason = series.reason() != null ? series.reason() : reasonWhenNotRefused;
        if (reason != null) {
            attributes.put("cors.reason", reason);
        }
        return attributes;
    }
}
