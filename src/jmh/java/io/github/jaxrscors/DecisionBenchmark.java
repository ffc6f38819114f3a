package io.github.jaxrscors;

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

/** The decision path without a server. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private final CompiledPolicy policy = new CompiledPolicy(CorsPolicy.builder()
            .allowOrigin("https://app.example.com")
            .allowMethod("PUT")
            .allowHeader("Content-Type").allowHeader("X-Request-Id").allowHeader("X-Api-Key")
            .build());

    @Benchmark
    public CompiledPolicy.Verdict allowedActual() {
        return policy.checkActual("https://app.example.com", "GET", null);
    }
}
