package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaxrscors.CorsInspector.Answer;
import io.github.jaxrscors.CorsInspector.Outcome;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.TestServer;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * Asking the library without a server: the answers are the server's (checked here against a
 * server for a handful of requests; the integration tests compare a thousand generated ones), the
 * route table lists every resource method with its effective policy, and a mistake is reported as
 * the deployment reports it.
 */
class CorsInspectorTest {

    private static final String APP = "https://app.example.com";
    private static final String ADMIN = "https://admin.example.com";

    private static final Map<String, String> CONFIG = Map.of(
            "cors.allowed-origins", APP,
            "cors.allowed-methods", "PUT",
            "cors.allowed-headers", "X-Request-Id",
            "cors.policy.admin.allowed-origins", ADMIN,
            "cors.policy.admin.allow-credentials", "true",
            "cors.policy.admin.report-only", "true",
            "cors.explain-refusals", "true");

    @Path("orders")
    public static class Orders {
        @GET
        @Path("{id}")
        public String get(@PathParam("id") String id) {
            return "order " + id;
        }

        @PUT
        @Path("{id}")
        public String put(@PathParam("id") String id) {
            return "put " + id;
        }

        @DELETE
        @Path("{id}")
        @Cors(enabled = false)
        public String delete(@PathParam("id") String id) {
            return "deleted " + id;
        }
    }

    @Path("admin")
    @Cors(value = "admin", maxAge = 60)
    public static class Admin {
        @GET
        public String get() {
            return "admin";
        }
    }

    private static CorsInspector inspector() {
        return CorsInspector.builder().resources(Orders.class, Admin.class).config(TestConfig.of(CONFIG)).build();
    }

    @Test
    void answersAnAllowedPreflightWithTheServersHeaders() {
        Answer answer = inspector().preflight(APP, "PUT", "/orders/7", "X-Request-Id");

        assertThat(answer.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(answer.policy()).isEqualTo("default");
        assertThat(answer.route()).isEqualTo("PUT /orders/{id}");
        assertThat(answer.reason()).isNull();
        assertThat(answer.status()).hasValue(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(answer.header("Access-Control-Allow-Methods")).hasValue("GET, HEAD, POST, PUT");
        assertThat(answer.header("Vary")).hasValue("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    }

    @Test
    void namesTheReasonOfARefusalAsTheLogAndTheMetricDo() {
        Answer answer = inspector().preflight(APP, "PUT", "/orders/7", "X-Token");

        assertThat(answer.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(answer.reason()).isEqualTo("header 'x-token' not allowed");
        assertThat(answer.reasonCode()).isEqualTo("header");
        assertThat(answer.status()).hasValue(403);
        assertThat(answer.header("Cors-Refusal")).hasValue("header 'x-token' not allowed");
        assertThat(answer.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void anActualRequestIsAnsweredByTheApplicationWithTheLibrarysHeaders() {
        Answer answer = inspector().actual(APP, "GET", "/orders/7");

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.status()).as("the application answers").isEmpty();
        assertThat(answer.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "access-control-allow-origin", List.of(APP), "vary", List.of("Origin")));
    }

    @Test
    void tellsTheOtherOutcomes() {
        CorsInspector cors = inspector();

        assertThat(cors.request("GET", "/orders/7").outcome()).isEqualTo(Outcome.NOT_CORS);
        assertThat(cors.actual(APP, "DELETE", "/orders/7").outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(cors.request("GET", "/orders/7", "Origin", "https://evil.example", "Sec-Fetch-Site", "same-origin").outcome())
                .isEqualTo(Outcome.SAME_ORIGIN);
        Answer reportOnly = cors.actual(APP, "GET", "/admin");
        assertThat(reportOnly.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(reportOnly.reportOnly()).isTrue();
        assertThat(reportOnly.status()).isEmpty();
        assertThat(reportOnly.headers()).as("the response stays the application's").isEmpty();
    }

    @Test
    void listsTheRouteTable() {
        List<CorsInspector.Route> routes = inspector().routes();

        assertThat(routes).extracting(route -> route.method() + " " + route.path() + " " + route.policyName())
                .containsExactlyInAnyOrder("GET /orders/{id} default", "PUT /orders/{id} default", "DELETE /orders/{id} default",
                        "GET /admin admin");
        CorsInspector.Route admin = routes.stream().filter(route -> route.path().equals("/admin")).findFirst().orElseThrow();
        assertThat(admin.policy().allowedOrigins()).containsExactly(ADMIN);
        assertThat(admin.policy().allowCredentials()).isTrue();
        assertThat(admin.policy().maxAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(admin.policy().reportOnly()).isTrue();
        assertThat(routes.stream().filter(route -> route.method().equals("DELETE")).findFirst().orElseThrow().policy())
                .as("@Cors(enabled = false)").isNull();
    }

    @Test
    void agreesWithAServerOnAFewRequests() {
        CorsInspector cors = inspector();
        List<List<String>> requests = List.of(
                List.of("OPTIONS", "orders/7", "Origin", APP, "Access-Control-Request-Method", "PUT"),
                List.of("OPTIONS", "orders/7", "Origin", APP, "Access-Control-Request-Method", "DELETE"),
                List.of("OPTIONS", "nowhere", "Origin", APP, "Access-Control-Request-Method", "PUT",
                        "Access-Control-Request-Headers", "x-request-id, x-other"),
                List.of("GET", "orders/7", "Origin", "https://evil.example"),
                List.of("GET", "orders/7", "Origin", APP),
                List.of("GET", "orders/7"));
        try (TestServer server = TestServer.start(new ResourceConfig(Orders.class, Admin.class), TestConfig.of(CONFIG))) {
            for (List<String> request : requests) {
                String[] headers = request.subList(2, request.size()).toArray(String[]::new);
                Reply reply = server.send(request.get(0), request.get(1), headers);
                Answer answer = cors.request(request.get(0), "/" + request.get(1), headers);

                Map<String, List<String>> expected = new java.util.TreeMap<>(answer.headers());
                List<String> refusal = expected.remove("cors-refusal");
                assertThat(reply.accessControlAndVary()).as("%s", request).isEqualTo(expected);
                assertThat(reply.all("Cors-Refusal")).as("%s", request).isEqualTo(refusal == null ? List.of() : refusal);
                answer.status().ifPresent(status -> assertThat(reply.status()).as("%s", request).isEqualTo(status));
            }
        }
    }

    @Test
    void readsAnApplication() {
        Application application = new Application() {
            @Override
            public Set<Class<?>> getClasses() {
                return Set.of(Orders.class);
            }
        };
        CorsInspector cors = CorsInspector.builder().application(application)
                .policy(CorsPolicy.builder().allowOrigin(APP).allowMethod("PUT").build()).build();

        assertThat(cors.preflight(APP, "PUT", "/orders/1").allowed()).isTrue();
        assertThat(cors.routes()).hasSize(3);
    }

    @Test
    void reportsAMistakeAsTheDeploymentDoes() {
        assertThatThrownBy(() -> CorsInspector.builder().resources(Orders.class)
                .config(TestConfig.of(Map.of("cors.allowed-origins", "https://app.example.com/"))).build())
                .isInstanceOf(CorsConfigException.class).hasMessageContaining("has a trailing slash");
        assertThatThrownBy(() -> CorsInspector.builder().resources(String.class).policy(CorsPolicy.builder().build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("none of [class java.lang.String] is a root resource");
        assertThatThrownBy(() -> CorsInspector.builder().resources(Orders.class).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("config(...)");
    }
}
