package io.github.jaxrscors;

import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.Decision;
import io.github.jaxrscors.internal.routing.Route;
import io.github.jaxrscors.internal.routing.RouteTable;
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

    private RouteTable routes;
    private String templatePath;
    private String regexPath;
    private List<Pattern> linearTemplates;

    @Setup
    public void setUp() {
        CompiledPolicy read = CorsPolicies.compile(CorsPolicy.builder().allowOrigin(ORIGIN).build());
        CompiledPolicy write = CorsPolicies.compile(CorsPolicy.builder().allowOrigin(ORIGIN)
                .allowMethod("PUT").allowMethod("DELETE").allowHeader("Content-Type").build());
        List<Route> entries = new ArrayList<>();
        linearTemplates = new ArrayList<>();
        for (int i = 0; i < resources; i++) {
            String base = "r" + i + "/items";
            entries.add(new Route(base, base + "/export", "GET", read, "export " + i));
            entries.add(new Route(base, base + "/{id}", "GET", read, "get " + i));
            entries.add(new Route(base, base + "/{id}", "PUT", write, "put " + i));
            entries.add(new Route(base, base + "/{id}", "DELETE", write, "delete " + i));
            entries.add(new Route(base, base + "/{id: \\d+}/history", "GET", read, "history " + i));
            linearTemplates.add(Pattern.compile(Pattern.quote(base) + "/export"));
            linearTemplates.add(Pattern.compile(Pattern.quote(base) + "/([^/]+)"));
            linearTemplates.add(Pattern.compile(Pattern.quote(base) + "/(\\d+)/history"));
        }
        routes = new RouteTable(Route.fallback(read, "default"), entries);
        int last = resources - 1;
        templatePath = "r" + last + "/items/42";
        regexPath = "r" + last + "/items/42/history";
        if (!routes.find(templatePath, 0, "PUT").policyName().equals("put " + last)
                || !routes.find(regexPath, 0, "GET").policyName().equals("history " + last)
                || preflightToTemplate() != Decision.ALLOWED) {
            throw new IllegalStateException("the benchmark's routes are not what it measures");
        }
    }

    /** {@code PUT /r<n>/items/42} with {@code Content-Type}: a literal prefix, then a template. */
    @Benchmark
    public Decision preflightToTemplate() {
        Route route = routes.find(templatePath, 0, "PUT");
        return route.policy().preflight(ORIGIN, "PUT", "content-type", false);
    }

    /** {@code GET /r<n>/items/42/history}: a literal prefix, then a regex tail. */
    @Benchmark
    public Decision preflightToRegexTail() {
        Route route = routes.find(regexPath, 0, "GET");
        return route.policy().preflight(ORIGIN, "GET", null, false);
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
