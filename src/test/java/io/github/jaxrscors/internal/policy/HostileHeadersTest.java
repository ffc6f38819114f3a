package io.github.jaxrscors.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.CorsPolicies;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile {@code Access-Control-Request-Headers} values: megabytes of commas, spaces, empty entries,
 * one huge name, thousands of names. Deciding must take time linear in the value's length and no
 * more memory than the value itself; these tests measure both in-process (Grizzly refuses header
 * blocks that large before any filter runs), and send values of a few kilobytes over real HTTP.
 */
class HostileHeadersTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final int MIB = 1 << 20;

    enum Policy {
        NAMED(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PUT").allowHeader("X-Token").allowHeader("X-Request-Id")),
        ANY_HEADER(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PUT").allowAnyHeader()),
        PREFIX(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PUT").allowHeader("X-Custom-*")),
        PREDICATE(CorsPolicy.builder().allowOrigin(ORIGIN).allowMethod("PUT").allowHeaders(name -> name.startsWith("x-")));

        final CorsPolicy policy;
        final CompiledPolicy compiled;
        final HeaderMatcher matcher;

        Policy(CorsPolicy.Builder builder) {
            policy = builder.build();
            compiled = CorsPolicies.compile(policy);
            matcher = HeaderMatcherTest.matcher(builder);
        }
    }

    /** A hostile value of about {@code size} characters, and what the policy must decide about it. */
    record Shape(String description, Policy policy, IntFunction<String> value, Verdict verdict) {
        @Override
        public String toString() {
            return description + " (" + policy + ")";
        }
    }

    static Stream<Shape> shapes() {
        Verdict allowed = Verdict.ALLOWED;
        return Stream.of(
                new Shape("commas", Policy.NAMED, n -> ",".repeat(n), allowed),
                new Shape("spaces", Policy.NAMED, n -> " ".repeat(n), allowed),
                new Shape("tabs", Policy.NAMED, n -> "\t".repeat(n), allowed),
                new Shape("empty entries", Policy.NAMED, n -> ", ".repeat(n / 2), allowed),
                new Shape("empty entries", Policy.ANY_HEADER, n -> " ,\t".repeat(n / 3), allowed),
                new Shape("spaces then a name", Policy.NAMED, n -> " ".repeat(n) + "x-token", allowed),
                new Shape("one huge name", Policy.NAMED, n -> "x".repeat(n), Verdict.HEADER_NOT_ALLOWED),
                new Shape("one huge name", Policy.ANY_HEADER, n -> "x".repeat(n), allowed),
                new Shape("one huge name", Policy.PREFIX, n -> "x-custom-" + "a".repeat(n), allowed),
                new Shape("one huge name", Policy.PREDICATE, n -> "x-" + "a".repeat(n), allowed),
                new Shape("one huge name, then spaces", Policy.ANY_HEADER, n -> "x".repeat(n / 2) + " ".repeat(n / 2), allowed),
                new Shape("thousands of lines joined", Policy.NAMED, n -> "X-Token, x-request-id,".repeat(n / 22), allowed),
                new Shape("thousands of lines joined", Policy.ANY_HEADER, n -> "x-a,".repeat(n / 4), allowed),
                new Shape("thousands of lines joined", Policy.PREFIX, n -> "x-custom-a, ".repeat(n / 12), allowed),
                new Shape("thousands of lines joined", Policy.PREDICATE, n -> "x-a,".repeat(n / 4), allowed),
                new Shape("allowed names, then one bad byte", Policy.NAMED, n -> "x-token,".repeat(n / 8) + "<",
                        Verdict.HEADERS_MALFORMED),
                new Shape("allowed names, then one disallowed", Policy.ANY_HEADER, n -> "x-a, ".repeat(n / 5) + "authorization",
                        Verdict.HEADER_NOT_ALLOWED),
                new Shape("whitespace around every comma", Policy.NAMED, n -> "x-token \t , \t".repeat(n / 12), allowed));
    }

    private static final List<String> FIGURES = Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    static void report() {
        StringBuilder s = new StringBuilder("Hostile Access-Control-Request-Headers, whole preflight decision (min of runs):");
        FIGURES.forEach(f -> s.append("\n  ").append(f));
        System.out.println(s);
    }

    /**
     * What the request filter does with the value: decide; for headers allowed by pattern, join the
     * names for the answer; for a refusal, name the reason as the decision log does.
     */
    private static Object decide(CompiledPolicy policy, String value) {
        Decision decision = policy.preflight(ORIGIN, "PUT", value, false);
        if (decision == Decision.ALLOWED_ECHOING_HEADERS) {
            return HeaderMatcher.join(value);
        }
        if (!decision.allowed()) {
            return DecisionLog.reason(decision, ORIGIN, "PUT", value, null);
        }
        return decision;
    }

    /** Allowed by name or by pattern alike: the shapes say only whether the value is allowed. */
    private static Verdict allowedOrNot(Decision decision) {
        return decision.allowed() ? Verdict.ALLOWED : Verdict.of(decision);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void decidedCorrectlyWithoutException(Shape shape) {
        for (int size : new int[] {0, 1, 2, 3, 100, MIB}) {
            String value = shape.value.apply(size);
            Verdict verdict = allowedOrNot(shape.policy.compiled.preflight(ORIGIN, "PUT", value, false));
            if (!value.isEmpty() && (size >= 4 || shape.verdict == Verdict.ALLOWED)) {
                assertThat(verdict).as("%d chars", value.length()).isEqualTo(shape.verdict);
            }
            decide(shape.policy.compiled, value);
        }
    }

    /**
     * Deciding one 4 MiB value must cost about as much as deciding sixteen 256 KiB values: equal work
     * if time is linear, sixteen times more if it is quadratic. The two are measured alternately and
     * the fastest of several rounds kept, so that a busy machine slows both alike.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void timeIsLinearInTheValue(Shape shape) {
        CompiledPolicy policy = shape.policy.compiled;
        String small = shape.value.apply(MIB / 4);
        String large = shape.value.apply(4 * MIB);
        int batch = 16;
        for (int i = 0; i < 2; i++) {
            decideTimed(policy, small, batch);
        }
        long smallBatchNanos = Long.MAX_VALUE;
        long largeNanos = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            smallBatchNanos = Math.min(smallBatchNanos, decideTimed(policy, small, batch));
            largeNanos = Math.min(largeNanos, decideTimed(policy, large, 1));
        }
        double ratio = (double) largeNanos / smallBatchNanos;
        FIGURES.add(String.format(Locale.ROOT, "%-45s %6.1f ms for %.1f MiB; %d x %.2f MiB take %6.1f ms (ratio %.2f)",
                shape, largeNanos / 1e6, large.length() / (double) MIB, batch, small.length() / (double) MIB,
                smallBatchNanos / 1e6, ratio));
        // Linear is 1; quadratic would be 16. The margin absorbs caches and the garbage collector's
        // cost for multi-megabyte arrays, not a worse algorithm.
        assertThat(ratio).as("%s: %d ns for %d chars, %d ns for %d x %d chars", shape, largeNanos, large.length(),
                smallBatchNanos, batch, small.length()).isLessThan(5);
        assertThat(largeNanos).as("4 MiB decided within three seconds").isLessThan(3_000_000_000L);
    }

    private static long decideTimed(CompiledPolicy policy, String value, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            assertThat(decide(policy, value)).isNotNull();
        }
        return System.nanoTime() - start;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void memoryIsBoundedByTheValue(Shape shape) {
        String value = shape.value.apply(2 * MIB);
        CompiledPolicy policy = shape.policy.compiled;
        HeaderMatcher matcher = shape.policy.matcher;
        for (int i = 0; i < 3; i++) {
            matcher.check(value);
            decide(policy, value);
        }
        long scan = allocatedBy(() -> matcher.check(value));
        long whole = allocatedBy(() -> decide(policy, value));
        FIGURES.add(String.format(Locale.ROOT, "%-45s allocates %.2f bytes per char scanning, %.2f deciding",
                shape, scan / (double) value.length(), whole / (double) value.length()));
        if (shape.policy != Policy.PREDICATE) {
            // Only a user predicate needs the name as a String; everything else is compared in place.
            assertThat(scan).as("bytes allocated scanning %d chars", value.length()).isLessThan(1024);
        } else {
            // One short-lived String per name for the predicate: linear, and never more than one name retained.
            assertThat(scan).as("bytes allocated scanning %d chars", value.length()).isLessThan(16L * value.length());
        }
        // The joined answer (names lower-cased, ", " between them) and its builder; with a predicate also
        // one short-lived String per name.
        assertThat(whole).as("bytes allocated deciding %d chars", value.length())
                .isLessThan((shape.policy == Policy.PREDICATE ? 40L : 8L) * value.length() + 4096);
    }

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    // ---------------------------------------------------------------- over real HTTP, a few kilobytes

    record HttpShape(String description, Policy policy, List<String> requestHeaderLines, int status) {
        @Override
        public String toString() {
            return description + " (" + policy + ")";
        }
    }

    static Stream<HttpShape> httpShapes() {
        String line = "Access-Control-Request-Headers: ";
        return Stream.of(
                new HttpShape("6 KB of commas", Policy.NAMED, List.of(line + ",".repeat(6000)), 204),
                new HttpShape("6 KB of spaces and a name", Policy.NAMED, List.of(line + " ".repeat(6000) + "x-token"), 204),
                new HttpShape("6 KB of empty entries", Policy.ANY_HEADER, List.of(line + ", ".repeat(3000)), 204),
                new HttpShape("one 6 KB name", Policy.NAMED, List.of(line + "x".repeat(6000)), 403),
                new HttpShape("one 6 KB name", Policy.ANY_HEADER, List.of(line + "x".repeat(6000)), 204),
                new HttpShape("1500 names", Policy.ANY_HEADER, List.of(line + "x-a,".repeat(1500)), 204),
                new HttpShape("90 header lines", Policy.NAMED, Collections.nCopies(90, line + "x-token"), 204),
                new HttpShape("90 header lines, one bad", Policy.NAMED,
                        Stream.concat(Collections.nCopies(89, line + "x-token").stream(), Stream.of(line + "x-evil")).toList(), 403),
                new HttpShape("90 header lines", Policy.ANY_HEADER, Collections.nCopies(90, line + "x-a, , x-b"), 204));
    }

    private static final java.util.Map<Policy, TestServer> SERVERS = new java.util.concurrent.ConcurrentHashMap<>();

    @Path("r")
    public static class Resource {
        @jakarta.ws.rs.PUT
        public String put() {
            return "resource";
        }
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(TestServer::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpShapes")
    void fewKilobytesOverHttp(HttpShape shape) {
        TestServer server = SERVERS.computeIfAbsent(shape.policy, p -> TestServer.start(new ResourceConfig(Resource.class), p.policy));
        List<String> lines = new ArrayList<>(List.of("Origin: " + ORIGIN, "Access-Control-Request-Method: PUT"));
        lines.addAll(shape.requestHeaderLines);
        long start = System.nanoTime();
        Reply response = server.sendLines("OPTIONS", "/r", lines);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.status()).as(response.raw().substring(0, Math.min(500, response.raw().length())))
                .isEqualTo(shape.status);
        assertThat(millis).as("answered promptly").isLessThan(5_000);
        if (shape.status == 204) {
            String allowHeaders = response.header("Access-Control-Allow-Headers");
            assertThat(allowHeaders).isNotNull();
            assertThat(allowHeaders.length()).as("answer no longer than the request").isLessThanOrEqualTo(
                    Math.max(200, (int) (1.5 * String.join(",", shape.requestHeaderLines).length())));
        } else {
            assertThat(response.corsHeaders()).isEmpty();
        }
    }

    @Test
    void theAnswerNamesEachRequestedHeaderOnceLowerCased() {
        String joined = HeaderMatcher.join(" , X-A,,\tx-B , ,");
        assertThat(joined).isEqualTo("x-a, x-b");
    }
}
