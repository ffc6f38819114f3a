package io.github.jaxrscors.testing;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The application the HTTP tests of each behaviour ask: a resource at {@code items} that counts its
 * calls, an exception mapper and an authentication filter that counts its own, with the library
 * installed by {@code new CorsFeature(policy)}. One running copy per name, started on first use;
 * a test class holds one {@code ItemsApps} and closes it after its last test.
 */
public final class ItemsApps implements AutoCloseable {

    public static final String ORIGIN = "https://app.example.com";
    public static final String EVIL = "https://evil.example";
    public static final List<String> PREFLIGHT_VARY = List.of("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
    /** A refusal also depends on Sec-Fetch-Site, which lets a same-origin request through. */
    public static final List<String> REFUSED_PREFLIGHT_VARY = List.of("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers", "Sec-Fetch-Site");
    public static final List<String> REFUSAL_VARY = List.of("Origin", "Sec-Fetch-Site");

    /** The policy most tests run against: one origin, PUT, X-Token, credentials, an exposed header. */
    public static final CorsPolicy DEFAULT = CorsPolicy.builder()
            .allowOrigin(ORIGIN)
            .allowMethod("PUT")
            .allowHeader("X-Token")
            .exposeHeader("X-Total-Count")
            .allowCredentials(true)
            .build();

    private final Map<String, App> apps = new HashMap<>();

    /** A running application, with the number of times its resource and its authentication filter ran. */
    public record App(TestServer server, AtomicInteger resourceCalls, AtomicInteger authCalls) {
        public Reply send(String method, String path, String... headers) {
            return server.send(method, path, headers);
        }
    }

    public App app(String name, CorsPolicy policy) {
        return app(name, policy, false);
    }

    /** With {@code preMatchingAuth}, the authentication filter runs before resource matching, as the library's does. */
    public synchronized App app(String name, CorsPolicy policy, boolean preMatchingAuth) {
        return apps.computeIfAbsent(name, n -> {
            AtomicInteger resourceCalls = new AtomicInteger();
            AtomicInteger authCalls = new AtomicInteger();
            ResourceConfig config = new ResourceConfig()
                    .register(new Items(resourceCalls))
                    .register(IllegalArgumentMapper.class)
                    .register(preMatchingAuth ? new PreMatchingAuthFilter(authCalls) : new AuthFilter(authCalls))
                    .register(new CorsFeature(policy));
            return new App(TestServer.start(config), resourceCalls, authCalls);
        });
    }

    /** Under {@link #DEFAULT}. */
    public App defaultApp() {
        return app("default", DEFAULT);
    }

    /** Any origin, without credentials; PUT and OPTIONS allowed. */
    public App anyOriginApp() {
        return app("any-origin", CorsPolicy.builder().allowAnyOrigin().allowMethod("PUT").allowMethod("OPTIONS").build());
    }

    @Override
    public synchronized void close() {
        apps.values().forEach(app -> app.server().close());
        apps.clear();
    }

    @Path("items")
    public static class Items {
        private final AtomicInteger calls;

        public Items(AtomicInteger calls) {
            this.calls = calls;
        }

        @GET
        public Response list() {
            calls.incrementAndGet();
            return Response.ok("items").header("X-Total-Count", "3").build();
        }

        @PUT
        @Consumes("*/*")
        public String put(String body) {
            calls.incrementAndGet();
            return "put";
        }

        @POST
        @Consumes("*/*")
        public String post(String body) {
            calls.incrementAndGet();
            return "posted";
        }

        @DELETE
        public String delete() {
            calls.incrementAndGet();
            return "deleted";
        }

        @GET
        @Path("read-only")
        public String readOnly() {
            calls.incrementAndGet();
            return "read-only";
        }

        @GET
        @Path("vary")
        public Response vary() {
            calls.incrementAndGet();
            return Response.ok("vary").header("Vary", "Accept-Encoding").build();
        }

        @GET
        @Path("vary-origin")
        public Response varyOrigin() {
            calls.incrementAndGet();
            return Response.ok("vary").header("Vary", "Origin").build();
        }

        @GET
        @Path("conflict")
        public String conflict() {
            calls.incrementAndGet();
            throw new WebApplicationException(409);
        }

        @GET
        @Path("mapped")
        public String mapped() {
            calls.incrementAndGet();
            throw new IllegalArgumentException("mapped");
        }

        @GET
        @Path("secret")
        public String secret() {
            calls.incrementAndGet();
            return "secret";
        }
    }

    public static class IllegalArgumentMapper implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException exception) {
            return Response.status(422).entity("unprocessable").build();
        }
    }

    /** Refuses requests for {@code items/secret} without {@code Authorization}, as an authentication filter would. */
    @Priority(Priorities.AUTHENTICATION)
    public static class AuthFilter implements ContainerRequestFilter {
        private final AtomicInteger calls;

        public AuthFilter(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            calls.incrementAndGet();
            if (request.getUriInfo().getPath().endsWith("secret") && request.getHeaderString("Authorization") == null) {
                request.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer").build());
            }
        }
    }

    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    public static class PreMatchingAuthFilter extends AuthFilter {
        public PreMatchingAuthFilter(AtomicInteger calls) {
            super(calls);
        }
    }
}
