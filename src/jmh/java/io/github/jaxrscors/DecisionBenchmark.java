package io.github.jaxrscors;

import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.policy.CompiledPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision path without a server: one allowed origin, {@code PUT} and three request headers
 * allowed, as a typical single-page application's API would configure it. Inputs sit in non-final
 * fields so that the JIT cannot fold them into constants.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private final CompiledPolicy policy = CorsPolicies.compile(CorsPolicy.builder()
            .allowOrigin("https://app.example.com")
            .allowMethod("PUT")
            .allowHeader("Content-Type").allowHeader("X-Request-Id").allowHeader("X-Api-Key")
            .build());

    private String allowedOrigin = "https://app.example.com";
    private String disallowedOrigin = "https://evil.example.org";
    private String get = "GET";
    private String put = "PUT";
    /** As Chromium sends it: lower case, sorted, comma-separated. */
    private String requestHeaders = "content-type,x-api-key,x-request-id";
    private String contentType = "application/json";

    @Benchmark
    public Decision allowedActual() {
        return policy.actual(allowedOrigin, get, null);
    }

    @Benchmark
    public Decision allowedActualWithContentType() {
        return policy.actual(allowedOrigin, put, contentType);
    }

    @Benchmark
    public Decision disallowedActual() {
        return policy.actual(disallowedOrigin, get, null);
    }

    @Benchmark
    public Decision allowedPreflight() {
        return policy.preflight(allowedOrigin, put, requestHeaders, false);
    }

    @Benchmark
    public Decision disallowedPreflight() {
        return policy.preflight(disallowedOrigin, put, requestHeaders, false);
    }
}
