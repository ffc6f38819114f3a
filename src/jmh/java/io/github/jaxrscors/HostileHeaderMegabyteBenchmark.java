package io.github.jaxrscors;

import io.github.jaxrscors.internal.policy.HeaderMatcher;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.policy.HeaderMatcher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Megabyte-sized hostile {@code Access-Control-Request-Headers} values (see {@link HostileHeaderBenchmark}
 * for the 64 KiB figures): a preflight decision as the request
 * filter makes it: scan, and for names allowed by a pattern join them for the answer. Run with
 * {@code -prof gc} to see the allocation per operation next to the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostileHeaderMegabyteBenchmark {

    private static final String ORIGIN = "https://app.example.com";

    @Param({"commas", "spaces", "hugeName", "manyNames"})
    public String shape;

    @Param({"8192", "1048576"})
    public int length;

    private final CompiledPolicy named = CorsPolicies.compile(CorsPolicy.builder()
            .allowOrigin(ORIGIN).allowMethod("PUT").allowHeader("X-Token").allowHeader("X-Request-Id").build());
    private final CompiledPolicy anyHeader = CorsPolicies.compile(CorsPolicy.builder()
            .allowOrigin(ORIGIN).allowMethod("PUT").allowAnyHeader().build());

    private String value;

    @Setup
    public void setUp() {
        value = switch (shape) {
            case "commas" -> ",".repeat(length);
            case "spaces" -> " ".repeat(length);
            case "hugeName" -> "x".repeat(length);
            case "manyNames" -> "x-a,".repeat(length / 4);
            default -> throw new IllegalArgumentException(shape);
        };
    }

    @Benchmark
    public Decision namedHeaders() {
        return named.preflight(ORIGIN, "PUT", value, false);
    }

    @Benchmark
    public Object anyHeader() {
        Decision verdict = anyHeader.preflight(ORIGIN, "PUT", value, false);
        if (verdict == Decision.ALLOWED_ECHOING_HEADERS) {
            return HeaderMatcher.join(value);
        }
        return verdict;
    }
}
