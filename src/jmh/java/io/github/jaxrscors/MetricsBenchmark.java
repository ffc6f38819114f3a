package io.github.jaxrscors;

import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Deployments;
import io.github.jaxrscors.internal.deployment.Generation;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.DecisionCounts;
import io.github.jaxrscors.internal.policy.Decoration;
import io.github.jaxrscors.internal.policy.Exchange;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What counting costs a decision: whole requests decided by {@link Generation#decide}, the path the
 * request filter takes, with {@code cors.metrics} on and off ({@code metrics} parameter). Both
 * backends are real and bound in both cases: the OpenTelemetry SDK as {@code GlobalOpenTelemetry}
 * and a Micrometer registry in {@code Metrics.globalRegistry}; with {@code cors.metrics=false} the
 * deployment simply counts nothing. The requests are plain objects read through an {@link Exchange}
 * of their own, so that only the decision, its answer and its count are measured.
 *
 * <p>Besides the time per operation, {@link CpuTime} reports the benchmark thread's CPU time and
 * its operations per iteration: on a machine shared with other work, the wall-clock time of an
 * operation mostly measures how long the thread waited for a core, its CPU time does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {

    @Path("hello")
    public static class HelloResource {
        @GET
        public String get() {
            return "hello";
        }

        @PUT
        public String put(String body) {
            return "stored";
        }
    }

    /** A request as the benchmark describes it, and what the decision handed back. */
    public static final class Request {
        final String origin;
        final String method;
        final String requestMethod;
        final String requestHeaders;
        Response answer;
        Decoration decoration;

        Request(String origin, String method, String requestMethod, String requestHeaders) {
            this.origin = origin;
            this.method = method;
            this.requestMethod = requestMethod;
            this.requestHeaders = requestHeaders;
        }
    }

    private static final URI HELLO = URI.create("http://api.example.com/hello");

    /** Reads the fields of {@link Request}; a stateless singleton, as the request filter's is. */
    private static final Exchange<Request> EXCHANGE = new Exchange<>() {
        @Override
        public String header(Request request, String lowerCaseName) {
            return switch (lowerCaseName) {
                case CorsHeaders.ORIGIN -> request.origin;
                case CorsHeaders.REQUEST_METHOD -> request.requestMethod;
                case CorsHeaders.REQUEST_HEADERS -> request.requestHeaders;
                default -> null;
            };
        }

        @Override
        public String method(Request request) {
            return request.method;
        }

        @Override
        public String rawPath(Request request) {
            return "/hello";
        }

        @Override
        public String rawBasePath(Request request) {
            return "/";
        }

        @Override
        public URI requestUri(Request request) {
            return HELLO;
        }

        @Override
        public void answer(Request request, Response response) {
            request.answer = response;
        }

        @Override
        public void decorate(Request request, Decoration decoration) {
            request.decoration = decoration;
        }
    };

    /** The benchmark thread's CPU time and operations in each iteration: {@code cpuNanos / calls} is the CPU time per decision. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuNanos;
        public long calls;
        private long start;

        @Setup(Level.Iteration)
        public void start() {
            cpuNanos = 0;
            calls = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    @Param({"true", "false"})
    public boolean metrics;

    private final CorsPolicy policy = CorsPolicy.builder()
            .allowOrigin("https://app.example.com")
            .allowMethod("PUT")
            .allowHeader("Content-Type").allowHeader("X-Request-Id").allowHeader("X-Api-Key")
            .build();

    private Generation generation;
    private OpenTelemetrySdk openTelemetry;
    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Request allowedActual = new Request("https://app.example.com", "GET", null, null);
    /** As Chromium sends it: lower case, sorted, comma-separated. */
    private Request allowedPreflight = new Request("https://app.example.com", "OPTIONS", "PUT", "content-type,x-api-key,x-request-id");
    private Request refusedActual = new Request("https://evil.example.org", "GET", null, null);

    @Setup(Level.Trial)
    public void deploy() {
        openTelemetry = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
        GlobalOpenTelemetry.set(openTelemetry);
        Metrics.addRegistry(registry);
        Map<String, String> settings = Map.of("cors.metrics", Boolean.toString(metrics));
        Deployment deployment = Deployments.of(CorsPolicies.validated(policy), () -> new MapSource(settings), HelloResource.class);
        generation = deployment.generation();
        checkCounting();
    }

    /** The benchmark must measure what it says: with metrics on, each backend reads every decision; off, none is counted. */
    private void checkCounting() {
        long before = counted();
        generation.decide(allowedActual, EXCHANGE);
        long added = counted() - before;
        boolean registered = registry.find("cors.requests").functionCounter() != null;
        boolean collected = reader.collectAllMetrics().stream().anyMatch(m -> m.getName().equals("cors.requests"));
        if (metrics ? added != 1 || !registered || !collected : added != 0) {
            throw new IllegalStateException("metrics=" + metrics + " but counted " + added + ", Micrometer counter "
                    + registered + ", OpenTelemetry counter " + collected);
        }
    }

    private static long counted() {
        AtomicLong sum = new AtomicLong();
        DecisionCounts.shared().forEach((key, count) -> sum.addAndGet(count));
        return sum.get();
    }

    @TearDown(Level.Trial)
    public void close() {
        Metrics.removeRegistry(registry);
        registry.close();
        openTelemetry.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @Benchmark
    public Request allowedActual(CpuTime cpu) {
        cpu.calls++;
        generation.decide(allowedActual, EXCHANGE);
        return allowedActual;
    }

    @Benchmark
    public Request allowedPreflight(CpuTime cpu) {
        cpu.calls++;
        generation.decide(allowedPreflight, EXCHANGE);
        return allowedPreflight;
    }

    @Benchmark
    public Request refusedActual(CpuTime cpu) {
        cpu.calls++;
        generation.decide(refusedActual, EXCHANGE);
        return refusedActual;
    }

    /** The settings of the deployment: {@code cors.metrics} alone, beside the policy in code. */
    private record MapSource(Map<String, String> values) implements Settings.Source {
        @Override
        public String value(String key) {
            return values.get(key);
        }

        @Override
        public Iterable<String> propertyNames() {
            return values.keySet();
        }
    }
}
