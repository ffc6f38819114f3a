package io.github.jaxrscors.testing;

import io.github.jaxrscors.CorsPolicy;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The application the protocol's corner cases are sent to, line by line on a bare socket so that
 * nothing between test and server repairs the request: a resource at {@code /r} with its own
 * {@code OPTIONS} method and its own {@code Vary}, and an application filter that adds to
 * {@code Vary}. One running copy per {@link Server}, started on first use; a test class holds one
 * {@code EdgeCaseApps} and closes it after its last test.
 */
public final class EdgeCaseApps implements AutoCloseable {

    /** The origin every policy here allows: the same as the items application's. */
    public static final String ORIGIN = ItemsApps.ORIGIN;

    /** The policies the corner cases are tried against. */
    public enum Server {
        /** Named methods and headers, no credentials. */
        NAMED(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PUT").allowMethod("DELETE")
                .allowHeader("X-Token").exposeHeader("X-Total").build()),
        /** Everything a wildcard can allow, with credentials: every echo path of the library. */
        ANY_WITH_CREDENTIALS(CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyMethod().allowAnyHeader()
                .exposeHeader("X-Total").allowCredentials(true).build()),
        ANY_HEADER_AND_AUTHORIZATION(CorsPolicy.builder().allowOrigin(ORIGIN).allowAnyHeader()
                .allowHeader("Authorization").build()),
        OPTIONS_ALLOWED(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("OPTIONS").build()),
        PASS_DISALLOWED(CorsPolicy.builder().allowOrigin(ORIGIN).rejectDisallowed(false).build()),
        ANY_ORIGIN(CorsPolicy.builder().allowAnyOrigin().allowAnyHeader().allowAnyMethod().build());

        final CorsPolicy policy;

        Server(CorsPolicy policy) {
            this.policy = policy;
        }
    }

    private final Map<Server, TestServer> servers = new EnumMap<>(Server.class);

    public synchronized TestServer server(Server server) {
        return servers.computeIfAbsent(server,
                s -> TestServer.start(new ResourceConfig(Resource.class).register(ApplicationVary.class), s.policy));
    }

    /** A request of the given header lines, each {@code Name: value}. */
    public Reply send(Server server, String method, String path, String... headerLines) {
        return server(server).sendLines(method, path, List.of(headerLines));
    }

    public Reply sendLines(Server server, String method, String path, List<String> headerLines) {
        return server(server).sendLines(method, path, headerLines);
    }

    /** A preflight to {@code /r} from {@link #ORIGIN}, with {@code Access-Control-Request-Headers} unless null. */
    public Reply preflight(Server server, String requestMethod, String requestHeaders) {
        List<String> lines = new ArrayList<>(List.of("Origin: " + ORIGIN, "Access-Control-Request-Method: " + requestMethod));
        if (requestHeaders != null) {
            lines.add("Access-Control-Request-Headers: " + requestHeaders);
        }
        return server(server).sendLines("OPTIONS", "/r", lines);
    }

    /** The elements of a comma-separated header value, trimmed; none for null. */
    public static List<String> elements(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::trim).toList();
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(TestServer::close);
        servers.clear();
    }

    @Path("r")
    public static class Resource {
        @GET
        public Response get() {
            return Response.ok("resource").header("Vary", "Accept-Encoding").header("X-Total", "3").build();
        }

        @PUT
        public String put() {
            return "resource";
        }

        @DELETE
        public String delete() {
            return "resource";
        }

        @OPTIONS
        public String options() {
            return "options-resource";
        }

        @GET
        @Path("vary-lines")
        public Response varyLines() {
            return Response.ok("resource").header("Vary", "Accept").header("Vary", "Cookie").build();
        }

        @GET
        @Path("vary-star")
        public Response varyStar() {
            return Response.ok("resource").header("Vary", "*").build();
        }

        @GET
        @Path("vary-origin")
        public Response varyOrigin() {
            return Response.ok("resource").header("Vary", "Accept, origin").build();
        }

        @GET
        @Path("fails")
        public Response fails() {
            return Response.status(500).header("Vary", "Accept-Language").entity("failure").build();
        }
    }

    /** An application filter that varies every response by a header of its own. */
    public static class ApplicationVary implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (request.getUriInfo().getPath().contains("app-vary") || request.getHeaderString("X-App-Vary") != null) {
                response.getHeaders().add("Vary", "X-App");
            }
        }
    }
}
