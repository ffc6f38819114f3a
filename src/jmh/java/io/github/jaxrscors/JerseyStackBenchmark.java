package io.github.jaxrscors;

import io.github.jaxrscors.internal.deployment.DropIn;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.OutputStream;
import java.net.URI;
import java.security.Principal;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole request through Jersey's own request processing, in memory, as the end-to-end load test
 * sends it (an allowed actual GET of a one-line resource): Jersey's filter stages, resource
 * matching, the resource method and the writing of its entity, without a network or a container.
 * What the end-to-end test sees as a percent or two of a request, here in nanoseconds:
 * <ul>
 * <li>{@code without}: the application alone;
 * <li>{@code handwritten}: with the least a CORS filter can do on this request (read {@code Origin},
 *     add {@code Access-Control-Allow-Origin} and {@code Vary}), the floor under any CORS support;
 * <li>{@code library}: with the library installed as its drop-in installs it, the policy read
 *     from MicroProfile Config;
 * <li>{@code empty-filters}: with a pre-matching request filter and a response filter that do
 *     nothing, the shape of the library (it must refuse before resource matching and decorate
 *     after the resource) without any of its work: what Jersey charges for the two filters alone.
 * </ul>
 * Auto-discovery is off in all four, so that each application has exactly what it names; the
 * library's drop-in is registered as Jersey's auto-discovery would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JerseyStackBenchmark {

    private static final String ORIGIN = "https://app.example.com";
    private static final URI BASE = URI.create("http://127.0.0.1:8080/");
    private static final URI HELLO = URI.create("http://127.0.0.1:8080/hello");

    private static final SecurityContext ANONYMOUS = new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    };

    @Path("hello")
    public static class Hello {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String hello() {
            return "hello";
        }
    }

    /** {@code hello.HandWrittenCors} of the end-to-end test. */
    public static final class HandWrittenCors implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            String origin = request.getHeaderString("Origin");
            if (ORIGIN.equals(origin)) {
                response.getHeaders().add("Access-Control-Allow-Origin", origin);
            }
            response.getHeaders().add("Vary", "Origin");
        }
    }

    /** A pre-matching request filter that does nothing. */
    @PreMatching
    public static final class EmptyRequestFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
        }
    }

    /** A response filter that does nothing. */
    public static final class EmptyResponseFilter implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        }
    }

    /** A container that writes nowhere and keeps the response, so that nothing is optimised away. */
    static final class Writer implements ContainerResponseWriter {
        ContainerResponse response;

        @Override
        public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse response) {
            this.response = response;
            return OutputStream.nullOutputStream();
        }

        @Override
        public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
            return false;
        }

        @Override
        public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) {
        }

        @Override
        public void commit() {
        }

        @Override
        public void failure(Throwable error) {
            throw new IllegalStateException(error);
        }

        @Override
        public boolean enableResponseBuffering() {
            return false;
        }
    }

    @Param({"without", "handwritten", "library", "empty-filters"})
    public String application;

    private ApplicationHandler handler;
    private final Writer writer = new Writer();

    @Setup(Level.Trial)
    public void deploy() {
        System.setProperty("cors.allowed-origins", ORIGIN);
        ResourceConfig config = new ResourceConfig(Hello.class)
                .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        switch (application) {
            case "without" -> { }
            case "handwritten" -> config.register(new HandWrittenCors());
            case "library" -> config.register(new DropIn());
            case "empty-filters" -> config.register(new EmptyRequestFilter()).register(new EmptyResponseFilter());
            default -> throw new IllegalArgumentException(application);
        }
        handler = new ApplicationHandler(config);
        handler.onStartup(null);
        String allowOrigin = request().getHeaderString("Access-Control-Allow-Origin");
        boolean cors = application.equals("handwritten") || application.equals("library");
        if (cors != ORIGIN.equals(allowOrigin)) {
            throw new IllegalStateException(application + " answered Access-Control-Allow-Origin " + allowOrigin);
        }
    }

    @TearDown(Level.Trial)
    public void undeploy() {
        handler.onShutdown(null);
        System.clearProperty("cors.allowed-origins");
    }

    @Benchmark
    public ContainerResponse request() {
        ContainerRequest request = new ContainerRequest(BASE, HELLO, "GET", ANONYMOUS, new MapPropertiesDelegate(), handler.getConfiguration());
        request.header("Host", "127.0.0.1:8080");
        request.header("Origin", ORIGIN);
        request.setWriter(writer);
        writer.response = null;
        handler.handle(request);
        if (writer.response == null || writer.response.getStatus() != 200) {
            throw new IllegalStateException("no 200 written");
        }
        return writer.response;
    }
}
