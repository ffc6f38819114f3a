package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.internal.routing.Route;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy that answers a preflight is the policy of the resource method Jersey itself invokes for
 * the requested method at that path. Every resource method here has a policy of its own, told apart
 * by its max-age and exposed header; each method's body is that same number. The actual request shows
 * which method Jersey chose (or 404/405: none, so the default policy, max-age 1, must answer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingAgreementHttpTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final String DEFAULT = "1";

    private TestServer server;

    @Path("customers")
    public static class Customers {
        @GET @Path("export") @Cors(maxAge = 11, exposeHeaders = "X-Route-11")
        public String export() {
            return "11";
        }

        @GET @Path("{id}") @Cors(maxAge = 12, exposeHeaders = "X-Route-12")
        public String get() {
            return "12";
        }

        @PUT @Path("{id}") @Cors(maxAge = 13, exposeHeaders = "X-Route-13")
        public String put() {
            return "13";
        }

        @DELETE @Path("{id}") @Cors(maxAge = 14, exposeHeaders = "X-Route-14")
        public String delete() {
            return "14";
        }

        @HEAD @Path("{id}/photo") @Cors(maxAge = 15, exposeHeaders = "X-Route-15")
        public Response headPhoto() {
            return Response.ok().header("X-Served-By", "15").build();
        }

        @GET @Path("{id}/photo") @Cors(maxAge = 16, exposeHeaders = "X-Route-16")
        public String photo() {
            return "16";
        }
    }

    @Path("orders")
    public static class Orders {
        @GET @Path("{id: \\d+}") @Cors(maxAge = 21, exposeHeaders = "X-Route-21")
        public String byNumber() {
            return "21";
        }

        @GET @Path("{name}") @Cors(maxAge = 22, exposeHeaders = "X-Route-22")
        public String byName() {
            return "22";
        }

        @GET @Path("{a}/{b}") @Cors(maxAge = 23, exposeHeaders = "X-Route-23")
        public String pair() {
            return "23";
        }

        @GET @Path("recent/{n}") @Cors(maxAge = 24, exposeHeaders = "X-Route-24")
        public String recent() {
            return "24";
        }
    }

    @Path("files")
    public static class Files {
        @GET @Path("{path: .*}") @Cors(maxAge = 31, exposeHeaders = "X-Route-31")
        public String any() {
            return "31";
        }

        @GET @Path("readme") @Cors(maxAge = 32, exposeHeaders = "X-Route-32")
        public String readme() {
            return "32";
        }

        @PUT @Cors(maxAge = 33, exposeHeaders = "X-Route-33")
        public String upload() {
            return "33";
        }
    }

    @Path("{tenant}")
    public static class Tenant {
        @GET @Path("settings") @Cors(maxAge = 41, exposeHeaders = "X-Route-41")
        public String settings() {
            return "41";
        }
    }

    @Path("shop")
    public static class Shop {
        @Path("items/{id}") @Cors(maxAge = 51, exposeHeaders = "X-Route-51")
        public Item item() {
            return new Item();
        }

        @GET @Path("items/{id}/price") @Cors(maxAge = 53, exposeHeaders = "X-Route-53")
        public String price() {
            return "53";
        }
    }

    /** A sub-resource: its own {@code @Cors} cannot be known before a request reaches it. */
    public static class Item {
        @GET @Cors(maxAge = 52, exposeHeaders = "X-Route-52")
        public String get() {
            return "52";
        }

        @GET @Path("reviews")
        public String reviews() {
            return "52r";
        }
    }

    @Path("opts")
    public static class Opts {
        @OPTIONS @Cors(maxAge = 61, exposeHeaders = "X-Route-61")
        public String options() {
            return "61";
        }

        @GET @Cors(maxAge = 62, exposeHeaders = "X-Route-62")
        public String get() {
            return "62";
        }
    }

    @Path("docs")
    public static class Docs {
        @GET @Path("{path: .*}") @Cors(maxAge = 71, exposeHeaders = "X-Route-71")
        public String any() {
            return "71";
        }
    }

    @Path("price list")
    public static class PriceList {
        @GET @Cors(maxAge = 81, exposeHeaders = "X-Route-81")
        public String get() {
            return "81";
        }
    }

    /** Jakarta REST annotations on an interface; the class path there too. */
    @Path("iface")
    public interface Api {
        @GET @Path("inherited") @Cors(maxAge = 91, exposeHeaders = "X-Route-91")
        String inherited();

        @GET @Path("shadowed") @Cors(maxAge = 92, exposeHeaders = "X-Route-92")
        String shadowed();
    }

    public static class ApiImpl implements Api {
        @Override
        public String inherited() {
            return "91";
        }

        /** A Jakarta REST annotation of its own hides every one on the interface method: no resource method. */
        @Override
        @Produces("text/plain")
        public String shadowed() {
            return "92";
        }
    }

    /** The class path on a superclass. */
    @Path("inherited-path")
    public abstract static class PathOnSuperclass {
        @GET @Cors(maxAge = 95, exposeHeaders = "X-Route-95")
        public String get() {
            return "95";
        }
    }

    public static class InheritsPath extends PathOnSuperclass {
    }

    @BeforeAll
    void start() {
        server = TestServer.start(new ResourceConfig(Customers.class, Orders.class, Files.class, Tenant.class, Shop.class,
                Opts.class, Docs.class, PriceList.class, ApiImpl.class, InheritsPath.class), TestConfig.of(Map.of(
                        "cors.allowed-origins", ORIGIN,
                        "cors.allowed-methods", "*",
                        "cors.exposed-headers", "X-Route-" + DEFAULT,
                        "cors.max-age", DEFAULT)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /**
     * {@code servedBy}: the number of the method Jersey invokes, or the status when none does. A HEAD
     * answer has no body: the explicit HEAD method names itself in {@code X-Served-By}, and an empty
     * {@code servedBy} means Jersey answered with the GET method, which sends no such header.
     */
    record Case(String description, String method, String path, String servedBy, String policy) {
        @Override
        public String toString() {
            return description + ": " + method + " " + path;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("literal beside a template", "GET", "/customers/export", "11", "11"),
                new Case("template beside a literal", "GET", "/customers/42", "12", "12"),
                new Case("same path, PUT", "PUT", "/customers/42", "13", "13"),
                new Case("same path, DELETE", "DELETE", "/customers/42", "14", "14"),
                new Case("trailing slash", "GET", "/customers/42/", "12", "12"),
                new Case("HEAD served by GET", "HEAD", "/customers/42", "", "12"),
                new Case("explicit HEAD wins over GET", "HEAD", "/customers/42/photo", "15", "15"),
                new Case("GET beside explicit HEAD", "GET", "/customers/42/photo", "16", "16"),
                new Case("regex template before default template", "GET", "/orders/42", "21", "21"),
                new Case("default template when the regex refuses", "GET", "/orders/abc", "22", "22"),
                new Case("two templates", "GET", "/orders/abc/def", "23", "23"),
                new Case("literal then template before two templates", "GET", "/orders/recent/5", "24", "24"),
                new Case("catch-all regex over several segments", "GET", "/files/a/b/c", "31", "31"),
                new Case("literal before catch-all", "GET", "/files/readme", "32", "32"),
                new Case("resource methods on the class path answer it alone (slash)", "GET", "/files/", "405", DEFAULT),
                new Case("resource methods on the class path answer it alone", "GET", "/files", "405", DEFAULT),
                new Case("catch-all after a trailing slash", "GET", "/docs/", "71", "71"),
                new Case("catch-all needs the slash", "GET", "/docs", "404", DEFAULT),
                new Case("catch-all, one segment", "GET", "/docs/a", "71", "71"),
                new Case("method and class annotations on an interface", "GET", "/iface/inherited", "91", "91"),
                new Case("interface annotations hidden by one on the method", "GET", "/iface/shadowed", "404", DEFAULT),
                new Case("matrix parameters on the last segment", "GET", "/customers/42;v=2", "12", "12"),
                new Case("matrix parameters on a literal segment", "GET", "/customers;v=2/export", "11", "11"),
                new Case("class path on a superclass", "GET", "/inherited-path", "95", "95"),
                new Case("literal with a space, encoded", "GET", "/price%20list", "81", "81"),
                new Case("encoded slash stays in its segment", "GET", "/customers/a%2Fb", "12", "12"),
                new Case("resource method on the class path", "PUT", "/files", "33", "33"),
                new Case("literal root class before template root class", "GET", "/customers/settings", "12", "12"),
                new Case("template root class", "GET", "/acme/settings", "41", "41"),
                new Case("sub-resource locator, its own path", "GET", "/shop/items/7", "52", "51"),
                new Case("below a sub-resource locator", "GET", "/shop/items/7/reviews", "52r", "51"),
                new Case("resource method beside a locator", "GET", "/shop/items/7/price", "53", "53"),
                new Case("explicit OPTIONS method, actual OPTIONS", "OPTIONS", "/opts", "61", "61"),
                new Case("GET beside explicit OPTIONS", "GET", "/opts", "62", "62"),
                new Case("no resource at the path", "GET", "/nowhere/at/all", "404", DEFAULT),
                new Case("path matches, method does not", "DELETE", "/orders/42", "405", DEFAULT),
                new Case("literal has no PUT; the template beside it does", "PUT", "/customers/export", "13", "13"),
                new Case("literal root class has no such path", "GET", "/customers/42/unknown", "404", DEFAULT));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void actualRequestIsServedByTheExpectedMethod(Case c) {
        Reply reply = server.send(c.method(), c.path(), "Origin", ORIGIN);

        if (c.servedBy().matches("[45]\\d\\d")) {
            assertThat(reply.status()).as("status").isEqualTo(Integer.parseInt(c.servedBy()));
        } else if (c.method().equals("HEAD")) {
            assertThat(reply.status()).as("status").isEqualTo(200);
            assertThat(reply.header("X-Served-By")).as("served by").isEqualTo(c.servedBy().isEmpty() ? null : c.servedBy());
        } else {
            assertThat(reply.body()).as("served by").isEqualTo(c.servedBy());
        }
        assertThat(reply.header("Access-Control-Expose-Headers"))
                .as("policy of the actual request").isEqualTo("X-Route-" + c.policy());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void preflightIsAnsweredByThePolicyOfThatMethod(Case c) {
        Reply reply = server.send("OPTIONS", c.path(), "Origin", ORIGIN, "Access-Control-Request-Method", c.method());

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Max-Age")).as("policy of the preflight").isEqualTo(c.policy());
    }
}
