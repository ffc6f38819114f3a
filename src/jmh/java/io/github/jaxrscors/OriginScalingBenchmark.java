package io.github.jaxrscors;

import io.github.jaxrscors.internal.policy.OriginMatcher;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.web.cors.CorsConfiguration;

/**
 * The origin check as the number of allowed origins grows, for this library and for Spring's
 * {@link CorsConfiguration#checkOrigin} configured with the same origins. The origin checked is
 * allowed and sits in the middle of the list (an average case for a list scan); with patterns only,
 * it is a subdomain matched by the middle pattern.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OriginScalingBenchmark {

    /** "n": n exact origins; "n*": n {@code https://*.tenantN.example.net} patterns; joined by "+". */
    @Param({"1", "100", "1000", "10000", "10000+1000*", "1*", "1000*"})
    public String origins;

    private OriginMatcher ours;
    private CorsConfiguration spring;
    private String origin;

    @Setup
    public void setUp() {
        List<String> exact = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (String part : origins.split("\\+")) {
            if (part.endsWith("*")) {
                int count = Integer.parseInt(part.substring(0, part.length() - 1));
                for (int i = 0; i < count; i++) {
                    patterns.add("https://*.tenant" + i + ".example.net");
                }
            } else {
                int count = Integer.parseInt(part);
                for (int i = 0; i < count; i++) {
                    exact.add("https://app" + i + ".example.com");
                }
            }
        }
        CorsPolicy.Builder builder = CorsPolicy.builder();
        exact.forEach(builder::allowOrigin);
        patterns.forEach(builder::allowOrigin);
        ours = OriginMatcher.of(CorsPolicies.validated(builder.build()));

        spring = new CorsConfiguration();
        spring.setAllowedOrigins(exact);
        spring.setAllowedOriginPatterns(patterns);

        origin = exact.isEmpty()
                ? "https://eu.tenant" + patterns.size() / 2 + ".example.net"
                : exact.get(exact.size() / 2);
        if (!ours.allows(origin) || spring.checkOrigin(origin) == null) {
            throw new IllegalStateException(origin + " should be allowed by both");
        }
    }

    @Benchmark
    public boolean ours() {
        return ours.allows(origin);
    }

    @Benchmark
    public String spring() {
        return spring.checkOrigin(origin);
    }
}
