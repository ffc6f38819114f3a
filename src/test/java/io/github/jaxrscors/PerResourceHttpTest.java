package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.Reply;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Cors} on classes and methods, named policies and preflight routing, over real HTTP: every
 * exchange checks the status and the complete set of {@code Access-Control-*} and {@code Vary}
 * headers, so a header that should be absent is checked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerResourceHttpTest {

    private static final String APP = "https://app.example.com";
    private static final String OPS = "https://ops.example.com";
    private static final String ADMIN = "https://admin.example.com";
    private static final String PARTNER = "https://partner.example.org";
    private static final String OTHER = "https://other.example.net";

    private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private static final String SAFE_METHODS = "GET, HEAD, POST";
    private static final String ALWAYS_ALLOWED_HEADERS = "accept, accept-language, content-language";

    /** Configuration in properties, with the admin policy's origins overridden by an environment variable. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "cors.allowed-origins", APP,
            "cors.max-age", "600",
            "cors.policy.admin.allowed-origins", ADMIN,
            "cors.policy.admin.allowed-methods", "PUT, DELETE",
            "cors.policy.admin.allow-credentials", "true");
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "CORS_POLICY_ADMIN_ALLOWED_ORIGINS", OPS,
            "CORS_POLICY_PARTNER_ALLOWED_ORIGINS", PARTNER);

    private TestServer server;

    /** Class-level and method-level overrides on one path; a literal path beside the template. */
    @Path("customers")
    @Cors(methods = {"PUT", "DELETE"}, exposeHeaders = "X-Total-Count")
    public static class Customers {
        @GET @Path("{id}")
        public String get(@PathParam("id") String id) {
            return "customer " + id;
        }

        @PUT @Path("{id}")
        @Cors(headers = "Content-Type, X-Request-Id", maxAge = 120)
        public String put(@PathParam("id") String id) {
            return "updated " + id;
        }

        @DELETE @Path("{id}")
        @Cors(origins = "https://admin.example.com", allowCredentials = "true", maxAge = 0)
        public String delete(@PathParam("id") String id) {
            return "deleted " + id;
        }

        @GET @Path("export")
        @Cors(origins = "*")
        public String export() {
            return "export";
        }
    }

    @Path("invoices")
    public static class Invoices {
        @GET @Path("{id: \\d+}")
        @Cors(exposeHeaders = "X-Invoice")
        public String byNumber(@PathParam("id") String id) {
            return "invoice " + id;
        }

        @GET @Path("{slug}")
        public String bySlug(@PathParam("slug") String slug) {
            return "draft " + slug;
        }
    }

    /** Jakarta REST annotations and {@code @Cors} on an interface only. */
    @Path("catalog")
    @Cors(origins = "*")
    public interface CatalogApi {
        @GET @Path("{sku}")
        @Cors(exposeHeaders = "X-Stock")
        String item(@PathParam("sku") String sku);

        @PUT @Path("{sku}")
        @Cors(origins = APP, methods = "PUT", allowCredentials = "true")
        String update(@PathParam("sku") String sku);
    }

    public static class Catalog implements CatalogApi {
        @Override
        public String item(String sku) {
            return "item " + sku;
        }

        @Override
        public String update(String sku) {
            return "updated " + sku;
        }
    }

    /** {@code @Cors} on a superclass and its method. */
    @Cors(maxAge = 60, origins = PARTNER)
    public abstract static class AuditedResource {
        @GET @Path("log")
        @Cors(exposeHeaders = "X-Audit")
        public String log() {
            return "log";
        }
    }

    @Path("audit")
    public static class Audit extends AuditedResource {
    }

    /** A named policy whose origins an environment variable overrides; the method narrows it further. */
    @Path("admin")
    @Cors("admin")
    public static class Admin {
        @GET
        public String get() {
            return "admin";
        }

        @DELETE @Path("{id}")
        @Cors(maxAge = 30)
        public String delete() {
            return "deleted";
        }
    }

    /** A named policy defined only through the environment. */
    @Path("partners")
    @Cors("partner")
    public static class Partners {
        @GET
        public String get() {
            return "partners";
        }
    }

    /** Left entirely to the application, which answers OPTIONS itself. */
    @Path("legacy")
    @Cors(enabled = false)
    public static class Legacy {
        @GET
        public String get() {
            return "legacy";
        }

        @OPTIONS
        public Response options() {
            return Response.ok("legacy options").header("X-App-Options", "yes").build();
        }
    }

    /** One method left to the application, one with the default policy. */
    @Path("webhooks")
    public static class Webhooks {
        @POST
        @Cors(enabled = false)
        public String receive() {
            return "received";
        }

        @GET
        public String status() {
            return "status";
        }
    }

    /** No {@code @Cors}: the default policy. */
    @Path("plain")
    public static class Plain {
        @GET
        public String get() {
            return "plain";
        }

        @PUT
        public String put() {
            return "put";
        }
    }

    /** An explicit OPTIONS method answers plain OPTIONS requests, never preflights. */
    @Path("reports")
    public static class Reports {
        @OPTIONS
        public Response options() {
            return Response.ok("report options").header("X-App-Options", "yes").build();
        }

        @GET
        @Cors(exposeHeaders = "X-Report")
        public String get() {
            return "report";
        }
    }

    /** A root resource with only a sub-resource locator: paths below it take the locator's policy. */
    @Path("stores")
    public static class Stores {
        @Path("{id}/orders")
        @Cors(methods = "PUT", exposeHeaders = "X-Store")
        public StoreOrders orders() {
            return new StoreOrders();
        }
    }

    /** Its {@code @Cors} is not consulted: sub-resources are only known once a request reaches them. */
    public static class StoreOrders {
        @GET
        @Cors(origins = "*")
        public String list() {
            return "orders";
        }

        @PUT @Path("{n}")
        public String put(@PathParam("n") String n) {
            return "order " + n;
        }
    }

    @BeforeAll
    void start() {
        server = TestServer.start(new ResourceConfig(Customers.class, Invoices.class, Catalog.class, Audit.class,
                Admin.class, Partners.class, Legacy.class, Webhooks.class, Plain.class, Reports.class, Stores.class),
                TestConfig.of(PROPERTIES, ENVIRONMENT));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /**
     * One exchange: a preflight when {@code requestMethod} is set (with {@code requestHeaders}),
     * else an actual request with {@code method}. {@code body} null: not checked.
     */
    record Exchange(String description, String method, String path, String origin, String requestMethod,
            String requestHeaders, int status, Map<String, List<String>> headers, String body) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Exchange actual(String description, String method, String path, String origin, int status,
            Map<String, List<String>> headers, String body) {
        return new Exchange(description, method, path, origin, null, null, status, headers, body);
    }

    static Exchange preflight(String description, String path, String origin, String requestMethod,
            String requestHeaders, int status, Map<String, List<String>> headers) {
        return preflight(description, path, origin, requestMethod, requestHeaders, status, headers, "");
    }

    static Exchange preflight(String description, String path, String origin, String requestMethod,
            String requestHeaders, int status, Map<String, List<String>> headers, String body) {
        return new Exchange(description, "OPTIONS", path, origin, requestMethod, requestHeaders, status, headers, body);
    }

    /** Header names (lower case) and values, in pairs: each header on one line with that value. */
    static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return map;
    }

    static Map<String, List<String>> preflightAllowed(String origin, String methods, String allowHeaders, String maxAge,
            boolean credentials) {
        Map<String, List<String>> map = headers(
                "access-control-allow-origin", origin,
                "access-control-allow-methods", methods,
                "vary", PREFLIGHT_VARY);
        if (allowHeaders != null) {
            map.put("access-control-allow-headers", List.of(allowHeaders));
        }
        if (maxAge != null) {
            map.put("access-control-max-age", List.of(maxAge));
        }
        if (credentials) {
            map.put("access-control-allow-credentials", List.of("true"));
        }
        return map;
    }

    static final String REFUSAL_VARY = "Origin, Sec-Fetch-Site";

    /** A refusal also depends on Sec-Fetch-Site, which lets a same-origin request through. */
    static final Map<String, List<String>> PREFLIGHT_REFUSED = headers("vary", PREFLIGHT_VARY + ", Sec-Fetch-Site");

    static Stream<Exchange> exchanges() {
        String customerMethods = "GET, HEAD, POST, PUT, DELETE";
        return Stream.of(
                // Class-level and method-level @Cors on one path, chosen by the requested method.
                preflight("PUT gets PUT's policy: class methods, method headers and max-age", "/customers/42", APP, "PUT",
                        "Content-Type, X-Request-Id", 204, preflightAllowed(APP, customerMethods,
                                ALWAYS_ALLOWED_HEADERS + ", content-type, x-request-id", "120", false)),
                preflight("DELETE gets DELETE's policy: its own origin refuses the app", "/customers/42", APP, "DELETE",
                        null, 403, PREFLIGHT_REFUSED),
                preflight("DELETE gets DELETE's policy: admin origin, credentials, no max-age", "/customers/42", ADMIN,
                        "DELETE", null, 204, preflightAllowed(ADMIN, customerMethods, null, null, true)),
                preflight("GET gets the class policy: default headers refuse X-Request-Id", "/customers/42", APP, "GET",
                        "X-Request-Id", 403, PREFLIGHT_REFUSED),
                actual("class policy on an actual GET: exposed header", "GET", "/customers/42", APP, 200,
                        headers("access-control-allow-origin", APP, "access-control-expose-headers", "X-Total-Count",
                                "vary", "Origin"), "customer 42"),
                actual("DELETE's policy on the actual DELETE", "DELETE", "/customers/42", ADMIN, 200,
                        headers("access-control-allow-origin", ADMIN, "access-control-allow-credentials", "true",
                                "access-control-expose-headers", "X-Total-Count", "vary", "Origin"), "deleted 42"),
                actual("DELETE's origin refuses the app's actual DELETE", "DELETE", "/customers/42", APP, 403,
                        headers("vary", REFUSAL_VARY), ""),
                // A literal path beside a template.
                preflight("literal path has its own policy", "/customers/export", OTHER, "GET", null, 204,
                        preflightAllowed("*", customerMethods, null, "600", false)),
                actual("literal path, actual: any origin, no Vary", "GET", "/customers/export", OTHER, 200,
                        headers("access-control-allow-origin", "*", "access-control-expose-headers", "X-Total-Count"),
                        "export"),
                actual("the template beside it refuses that origin", "GET", "/customers/42", OTHER, 403,
                        headers("vary", REFUSAL_VARY), ""),
                // A regex template.
                actual("regex template", "GET", "/invoices/42", APP, 200,
                        headers("access-control-allow-origin", APP, "access-control-expose-headers", "X-Invoice",
                                "vary", "Origin"), "invoice 42"),
                actual("default template when the regex refuses", "GET", "/invoices/draft", APP, 200,
                        headers("access-control-allow-origin", APP, "vary", "Origin"), "draft draft"),
                // Annotations declared on an interface.
                preflight("interface: class @Cors and method @Cors", "/catalog/sku-1", OTHER, "GET", null, 204,
                        preflightAllowed("*", SAFE_METHODS, null, "600", false)),
                actual("interface: exposed header from the interface method", "GET", "/catalog/sku-1", OTHER, 200,
                        headers("access-control-allow-origin", "*", "access-control-expose-headers", "X-Stock"),
                        "item sku-1"),
                preflight("interface: PUT's own origins and credentials", "/catalog/sku-1", APP, "PUT", null, 204,
                        preflightAllowed(APP, "GET, HEAD, POST, PUT", null, "600", true)),
                preflight("interface: PUT refuses other origins", "/catalog/sku-1", OTHER, "PUT", null, 403,
                        PREFLIGHT_REFUSED),
                // Annotations declared on a superclass.
                preflight("superclass: class @Cors", "/audit/log", PARTNER, "GET", null, 204,
                        preflightAllowed(PARTNER, SAFE_METHODS, null, "60", false)),
                actual("superclass: method @Cors", "GET", "/audit/log", PARTNER, 200,
                        headers("access-control-allow-origin", PARTNER, "access-control-expose-headers", "X-Audit",
                                "vary", "Origin"), "log"),
                actual("superclass: origins replaced, not added to", "GET", "/audit/log", APP, 403,
                        headers("vary", REFUSAL_VARY), ""),
                // A named policy, its origins overridden by an environment variable.
                preflight("named policy: origin from the environment", "/admin", OPS, "GET", null, 204,
                        preflightAllowed(OPS, "GET, HEAD, POST, PUT, DELETE", null, "600", true)),
                preflight("named policy: the overridden origin is refused", "/admin", ADMIN, "PUT", null, 403,
                        PREFLIGHT_REFUSED),
                preflight("named policy: the default policy's origin is refused", "/admin", APP, "GET", null, 403,
                        PREFLIGHT_REFUSED),
                preflight("named policy narrowed by a method", "/admin/7", OPS, "DELETE", null, 204,
                        preflightAllowed(OPS, "GET, HEAD, POST, PUT, DELETE", null, "30", true)),
                actual("named policy on an actual request", "GET", "/admin", OPS, 200,
                        headers("access-control-allow-origin", OPS, "access-control-allow-credentials", "true",
                                "vary", "Origin"), "admin"),
                actual("named policy defined only in the environment", "GET", "/partners", PARTNER, 200,
                        headers("access-control-allow-origin", PARTNER, "vary", "Origin"), "partners"),
                // enabled = false on a class: the application's own OPTIONS answers, nothing is refused.
                preflight("disabled class: the application's OPTIONS answers the preflight", "/legacy", APP, "GET", null,
                        200, headers(), "legacy options"),
                actual("disabled class: any origin reaches it, no CORS headers", "GET", "/legacy", OTHER, 200,
                        headers(), "legacy"),
                // enabled = false on a method.
                preflight("disabled method: Jersey's own OPTIONS answers", "/webhooks", APP, "POST", null, 200,
                        headers(), null),
                actual("disabled method: any origin reaches it, no CORS headers", "POST", "/webhooks", OTHER, 200,
                        headers(), "received"),
                preflight("the other method keeps the default policy", "/webhooks", APP, "GET", null, 204,
                        preflightAllowed(APP, SAFE_METHODS, null, "600", false)),
                actual("the other method refuses other origins", "GET", "/webhooks", OTHER, 403,
                        headers("vary", REFUSAL_VARY), ""),
                // No annotation: the default policy, which does not allow PUT.
                preflight("no @Cors: default policy", "/plain", APP, "GET", "Accept", 204,
                        preflightAllowed(APP, SAFE_METHODS, ALWAYS_ALLOWED_HEADERS, "600", false)),
                preflight("no @Cors: PUT is not allowed by default, though the resource has it", "/plain", APP, "PUT",
                        null, 403, PREFLIGHT_REFUSED),
                actual("no @Cors: HEAD", "HEAD", "/plain", APP, 200,
                        headers("access-control-allow-origin", APP, "vary", "Origin"), ""),
                // No resource at the path: the default policy.
                preflight("no resource: default policy", "/nowhere", APP, "GET", null, 204,
                        preflightAllowed(APP, SAFE_METHODS, null, "600", false)),
                actual("no resource: 404 readable by the allowed origin", "GET", "/nowhere", APP, 404,
                        headers("access-control-allow-origin", APP, "vary", "Origin"), null),
                // An explicit @OPTIONS method does not steal the preflight.
                preflight("explicit @OPTIONS: the library answers the preflight", "/reports", APP, "GET", null, 204,
                        preflightAllowed(APP, SAFE_METHODS, null, "600", false)),
                actual("explicit @OPTIONS answers a plain OPTIONS request", "OPTIONS", "/reports", null, 200,
                        headers("vary", "Origin"), "report options"),
                actual("a cross-origin OPTIONS request is an actual request, refused unless OPTIONS is allowed",
                        "OPTIONS", "/reports", APP, 403, headers("vary", REFUSAL_VARY), ""),
                // Below a sub-resource locator: the locator's policy, whatever the sub-resource says.
                preflight("locator's policy at its path", "/stores/1/orders", APP, "GET", null, 204,
                        preflightAllowed(APP, "GET, HEAD, POST, PUT", null, "600", false)),
                preflight("locator's policy below its path", "/stores/1/orders/7", APP, "PUT", null, 204,
                        preflightAllowed(APP, "GET, HEAD, POST, PUT", null, "600", false)),
                actual("locator's policy, not the sub-resource's @Cors(origins = \"*\")", "GET", "/stores/1/orders",
                        OTHER, 403, headers("vary", REFUSAL_VARY), ""),
                actual("locator's policy on an actual request", "PUT", "/stores/1/orders/7", APP, 200,
                        headers("access-control-allow-origin", APP, "access-control-expose-headers", "X-Store",
                                "vary", "Origin"), "order 7"));
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void exchange(Exchange e) {
        List<String> headers = new ArrayList<>();
        if (e.origin() != null) {
            headers.addAll(List.of("Origin", e.origin()));
        }
        if (e.requestMethod() != null) {
            headers.addAll(List.of("Access-Control-Request-Method", e.requestMethod()));
        }
        if (e.requestHeaders() != null) {
            headers.addAll(List.of("Access-Control-Request-Headers", e.requestHeaders()));
        }

        Reply reply = server.send(e.method(), e.path(), headers.toArray(String[]::new));

        assertThat(reply.status()).as("status").isEqualTo(e.status());
        assertThat(reply.accessControlAndVary()).as("CORS headers").isEqualTo(e.headers());
        if (e.body() != null) {
            assertThat(reply.body()).as("body").isEqualTo(e.body());
        }
    }
}
