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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A preflight from an allowed origin with a hostile {@code Access-Control-Request-Headers}: at 1 KiB
 * and at 64 KiB, so that the ratio of the two shows whether the cost is linear in the length.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostileHeaderBenchmark {

    /**
     * commas: ",,,,"; spaces: "    " then one name; names: allowed names repeated; prefixed: names
     * only a prefix allows; longName: one name as long as the value.
     */
    @Param({"commas", "spaces", "names", "prefixed", "longName"})
    public String shape;

    @Param({"1024", "65536"})
    public int length;

    private final CompiledPolicy policy = CorsPolicies.compile(CorsPolicy.builder()
            .allowOrigin("https://app.example.com")
            .allowMethod("PUT")
            .allowHeader("Content-Type").allowHeader("X-Request-Id").allowHeader("X-Api-Key")
            .allowHeadersPrefixed("X-Trace-")
            .build());

    private String origin = "https://app.example.com";
    private String method = "PUT";
    private String requestHeaders;

    @Setup
    public void setUp() {
        requestHeaders = switch (shape) {
            case "commas" -> ",".repeat(length);
            case "spaces" -> " ".repeat(length - "x-api-key".length()) + "x-api-key";
            case "names" -> repeatUpTo("x-request-id, X-Api-Key,content-type ,", length);
            case "prefixed" -> repeatUpTo("x-trace-span, X-Trace-Parent,", length);
            case "longName" -> "x".repeat(length);
            default -> throw new IllegalArgumentException(shape);
        };
    }

    private static String repeatUpTo(String unit, int length) {
        String value = unit.repeat(length / unit.length() + 1).substring(0, length);
        // End on a separator so that the value stays a well-formed list whatever the cut.
        return value.substring(0, value.lastIndexOf(',') + 1);
    }

    @Benchmark
    public Decision preflight() {
        return policy.preflight(origin, method, requestHeaders, false);
    }
}
