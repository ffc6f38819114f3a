package io.github.jaxrscors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * The cost of answering a preflight (route look-up, then {@code checkPreflight}) as the API grows
 * from 10 to 1 000 resources, each with a literal path, a template and a regex template, and each
 * method with a policy of its own. The requests go to the last resource registered, where a linear
 * scan would pay most; {@link #linearScan} is such a scan over the same templates, for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {

    private static final String ORIGIN = "https://app.example.com";

    @Param({"10", "1000"})
    public int resources;

    private Routes routes;
    private String templatePath;
    private String regexPath;
    private List<Pattern> linearTemplates;

    @Setup
    public void setUp() {
        CompiledPolicy read = new CompiledPolicy(CorsPolicy.builder().allowOrigin(ORIGIN).build());
        CompiledPolicy write = new CompiledPolicy(CorsPolicy.builder().allowOrigin(ORIGIN)
                .allowMethod("PUT").allowMethod("DELETE").allowHeader("Content-Type").build());
        List<Routes.Entry> entries = new ArrayList<>();
        linearTemplates = new ArrayList<>();
        for (int i = 0; i < resources; i++) {
            String base = "r" + i + "/items";
            entries.add(new Routes.Entry(base, base + "/export", "GET", new Route(read, "export " + i, null)));
            entries.add(new Routes.Entry(base, base + "/{id}", "GET", new Route(read, "get " + i, null)));
            entries.add(new Routes.Entry(base, base + "/{id}", "PUT", new Route(write, "put " + i, null)));
            entries.add(new Routes.Entry(base, base + "/{id}", "DELETE", new Route(write, "delete " + i, null)));
            entries.add(new Routes.Entry(base, base + "/{id: \\d+}/history", "GET", new Route(read, "history " + i, null)));
            linearTemplates.add(Pattern.compile(Pattern.quote(base) + "/export"));
            linearTemplates.add(Pattern.compile(Pattern.quote(base) + "/([^/]+)"));
            linearTemplates.add(Pattern.compile(Pattern.quote(base) + "/(\\d+)/history"));
        }
        routes = new Routes(new Route(read, "default", null), entries);
        int last = resources - 1;
        templatePath = "r" + last + "/items/42";
        regexPath = "r" + last + "/items/42/history";
        if (!routes.find(templatePath, 0, "PUT").policyName().equals("put " + last)
                || !routes.find(regexPath, 0, "GET").policyName().equals("history " + last)
                || preflightToTemplate() != CompiledPolicy.Verdict.ALLOWED) {
            throw new IllegalStateException("the benchmark's routes are not what it measures");
        }
    }

    /** {@code PUT /r<n>/items/42} with {@code Content-Type}: a literal prefix, then a template. */
    @Benchmark
    public CompiledPolicy.Verdict preflightToTemplate() {
        Route route = routes.find(templatePath, 0, "PUT");
        return route.policy().preflight(ORIGIN, "PUT", "content-type");
    }

    /** {@code GET /r<n>/items/42/history}: a literal prefix, then a regex tail. */
    @Benchmark
    public CompiledPolicy.Verdict preflightToRegexTail() {
        Route route = routes.find(regexPath, 0, "GET");
        return route.policy().preflight(ORIGIN, "GET", null);
    }

    /** What trying every template in turn costs for the same path (match only, no policy check). */
    @Benchmark
    public int linearScan() {
        for (int i = 0; i < linearTemplates.size(); i++) {
            if (linearTemplates.get(i).matcher(templatePath).matches()) {
                return i;
            }
        }
        return -1;
    }
}
