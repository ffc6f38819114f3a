package io.github.jaxrscors;

import io.github.jaxrscors.internal.deployment.Deployments;
import io.github.jaxrscors.internal.deployment.Deployment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.policy.HeaderMatcher;
import io.github.jaxrscors.internal.policy.OriginMatcher;
import io.github.jaxrscors.internal.deployment.CorsRequestFilter;
import io.github.jaxrscors.internal.deployment.CorsResponseFilter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * This library and Spring's CORS support on identical inputs, one policy configured alike in both:
 * origin {@code https://app.example.com}, methods GET, HEAD, POST, PUT, three request headers, an
 * exposed header and a max-age.
 *
 * <p>The {@code check*} pairs compare the decisions alone. The {@code *Request} pairs and the
 * preflight pairs compare whole request handling: Spring's {@link DefaultCorsProcessor} on
 * spring-test's servlet mocks, against this library's request and response filters on Jersey's own
 * request and response objects. Both need a fresh request and response per operation (Spring's
 * processor skips a response that already carries CORS headers), so each side has a baseline that
 * only builds them: subtract it to see what CORS itself costs. A preflight's response is the one
 * the library answers with; the baseline builds the same empty 204 that any answer to the request
 * needs, as Spring's baseline builds its response object.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PeerBenchmark {

    /** The application's one resource, which the library must learn before it answers anything. */
    @Path("hello")
    public static class HelloResource {
        @GET
        public String get() {
            return "hello";
        }
    }

    private static final URI BASE = URI.create("http://api.example.com/");
    private static final URI HELLO = URI.create("http://api.example.com/hello");

    private final CorsPolicy policy = CorsPolicy.builder()
            .allowOrigin("https://app.example.com")
            .allowMethod("PUT")
            .allowHeader("Content-Type").allowHeader("X-Request-Id").allowHeader("X-Api-Key")
            .exposeHeader("X-Total-Count")
            .maxAge(Duration.ofHours(1))
            .build();
    private final CompiledPolicy ours = CorsPolicies.compile(policy);
    private final OriginMatcher ourOrigins = OriginMatcher.of(CorsPolicies.validated(policy));
    private final HeaderMatcher ourHeaders = HeaderMatcher.of(CorsPolicies.validated(policy));
    private final CorsRequestFilter requestFilter;
    private final CorsResponseFilter responseFilter = new CorsResponseFilter();

    private final CorsConfiguration spring = new CorsConfiguration();
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

    private String origin = "https://app.example.com";
    private String put = "PUT";
    private HttpMethod springPut = HttpMethod.PUT;
    private String requestHeaders = "content-type,x-api-key,x-request-id";
    /** Handed to Spring already split, as its processor does before it calls {@code checkHeaders}. */
    private List<String> requestHeaderList = List.of("content-type", "x-api-key", "x-request-id");

    public PeerBenchmark() {
        // As without a MicroProfile Config implementation: the policy in code is all there is.
        Deployment deployment = Deployments.of(CorsPolicies.validated(policy), () -> {
            throw new IllegalStateException("No ConfigProviderResolver implementation found!");
        }, HelloResource.class);
        requestFilter = Deployments.requestFilter(deployment);

        spring.setAllowedOrigins(List.of("https://app.example.com"));
        spring.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT"));
        spring.setAllowedHeaders(List.of("Content-Type", "X-Request-Id", "X-Api-Key"));
        spring.setExposedHeaders(List.of("X-Total-Count"));
        spring.setMaxAge(Duration.ofHours(1));
    }

    @Benchmark
    public boolean checkOriginOurs() {
        return ourOrigins.allows(origin);
    }

    @Benchmark
    public String checkOriginSpring() {
        return spring.checkOrigin(origin);
    }

    @Benchmark
    public boolean checkMethodOurs() {
        return ours.isMethodAllowed(put);
    }

    @Benchmark
    public List<HttpMethod> checkMethodSpring() {
        return spring.checkHttpMethod(springPut);
    }

    @Benchmark
    public Decision checkHeadersOurs() {
        return ourHeaders.check(requestHeaders);
    }

    @Benchmark
    public List<String> checkHeadersSpring() {
        return spring.checkHeaders(requestHeaderList);
    }

    @Benchmark
    public ContainerResponse actualRequestOurs() throws IOException {
        ContainerRequest request = jerseyRequest("GET");
        requestFilter.filter(request);
        ContainerResponse response = new ContainerResponse(request, Response.ok().build());
        responseFilter.filter(request, response);
        return response;
    }

    @Benchmark
    public ContainerResponse actualRequestJerseyBaseline() {
        ContainerRequest request = jerseyRequest("GET");
        return new ContainerResponse(request, Response.ok().build());
    }

    @Benchmark
    public MockHttpServletResponse actualRequestSpring() throws IOException {
        MockHttpServletRequest request = springRequest("GET");
        MockHttpServletResponse response = new MockHttpServletResponse();
        processor.processRequest(spring, request, response);
        return response;
    }

    @Benchmark
    public MockHttpServletResponse actualRequestSpringBaseline() {
        springRequest("GET");
        return new MockHttpServletResponse();
    }

    @Benchmark
    public Response preflightOurs() throws IOException {
        ContainerRequest request = jerseyPreflight();
        requestFilter.filter(request);
        return request.getAbortResponse();
    }

    @Benchmark
    public Response preflightJerseyBaseline() {
        jerseyPreflight();
        return Response.noContent().build();
    }

    @Benchmark
    public MockHttpServletResponse preflightSpring() throws IOException {
        MockHttpServletRequest request = springPreflight();
        MockHttpServletResponse response = new MockHttpServletResponse();
        processor.processRequest(spring, request, response);
        return response;
    }

    @Benchmark
    public MockHttpServletResponse preflightSpringBaseline() {
        springPreflight();
        return new MockHttpServletResponse();
    }

    private ContainerRequest jerseyRequest(String method) {
        ContainerRequest request = new ContainerRequest(BASE, HELLO, method, null, new MapPropertiesDelegate(), null);
        request.header("Origin", origin);
        return request;
    }

    private ContainerRequest jerseyPreflight() {
        ContainerRequest request = jerseyRequest("OPTIONS");
        request.header("Access-Control-Request-Method", put);
        request.header("Access-Control-Request-Headers", requestHeaders);
        return request;
    }

    private MockHttpServletRequest springRequest(String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/hello");
        request.setServerName("api.example.com");
        request.addHeader("Origin", origin);
        return request;
    }

    private MockHttpServletRequest springPreflight() {
        MockHttpServletRequest request = springRequest("OPTIONS");
        request.addHeader("Access-Control-Request-Method", put);
        request.addHeader("Access-Control-Request-Headers", requestHeaders);
        return request;
    }
}
