package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The application Ktor's CORS tests route ({@code get("/")}, {@code post("/")}, {@code delete("/")},
 * each answering {@code "OK"}), one running copy per policy, and the requests those tests send.
 * Equal policies share a server, so a class of translated tests starts one per configuration.
 */
final class KtorApps implements AutoCloseable {

    /** The preflight {@code Vary} of this library: a preflight's answer depends on all three. */
    static final List<String> PREFLIGHT_VARY = List.of("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers");

    private final Map<CorsPolicy, TestServer> servers = new HashMap<>();

    /** Ktor's test application: a route at {@code /} for GET, POST and DELETE, under {@code policy}. */
    synchronized TestServer root(CorsPolicy.Builder policy) {
        return servers.computeIfAbsent(policy.build(), built -> TestServer.start(new ResourceConfig(Root.class), built));
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(TestServer::close);
        servers.clear();
    }

    @Path("/")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Root {
        @GET
        public String get() {
            return "OK";
        }

        @POST
        public String post() {
            return "OK";
        }

        @DELETE
        public String delete() {
            return "OK";
        }
    }

    static Reply get(TestServer server, String origin) {
        return server.send("GET", "/", "Origin", origin);
    }

    /** A preflight for {@code method}, with {@code Access-Control-Request-Headers} when given. */
    static Reply preflight(TestServer server, String path, String origin, String method, String... requestHeaders) {
        List<String> headers = new ArrayList<>(List.of("Origin", origin, "Access-Control-Request-Method", method));
        for (String value : requestHeaders) {
            headers.add("Access-Control-Request-Headers");
            headers.add(value);
        }
        return server.send("OPTIONS", path, headers.toArray(String[]::new));
    }

    /** The problems {@code build()} reports for a configuration the library refuses, each as {@code where: message}. */
    static List<String> problems(CorsPolicy.Builder policy) {
        CorsConfigException refused = catchThrowableOfType(CorsConfigException.class, policy::build);
        assertThat(refused).as("refused at build()").isNotNull();
        return refused.problems().stream().map(Object::toString).toList();
    }

    /** A port on this machine other than the server's, for an origin that differs from it only there. */
    /** Ktor's {@code anyHost(); allowCredentials = true} is refused: any site could read users' data. */
    static final String STAR_WITH_CREDENTIALS = "allowAnyOrigin: '*' cannot be combined with credentials "
            + "(allowCredentials = true): any site could read your users' data. List the origins explicitly, "
            + "or use a '*.' pattern such as 'https://*.example.com'";

    static CorsPolicy.Builder anyHostWithCredentials() {
        return CorsPolicy.builder().allowAnyOrigin().allowCredentials(true);
    }

    /** What a user of that refused configuration writes instead: the origins, listed. */
    static CorsPolicy.Builder listedWithCredentials() {
        return CorsPolicy.builder().allowHost("my-host", List.of("https")).allowCredentials(true);
    }

    /** An allowed request to the root resource: answered "OK", its origin echoed. */
    static void assertAllowed(Reply reply, String origin) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(reply.body()).isEqualTo("OK");
    }

    /** A refused actual request: 403 before the resource, with no body. */
    static void assertForbidden(Reply reply) {
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEmpty();
    }

    static int otherPort(TestServer server) {
        return server.port() == 8080 ? 8081 : 8080;
    }
}
