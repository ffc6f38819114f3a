package io.github.jaxrscors.it;

import static io.github.jaxrscors.it.RolloutScenarios.APP;
import static io.github.jaxrscors.it.RolloutScenarios.CONFIG;
import static io.github.jaxrscors.it.RolloutScenarios.EVIL;
import static io.github.jaxrscors.it.RolloutScenarios.PARTNER;
import static io.github.jaxrscors.it.RolloutScenarios.REPORT_ONLY_POLICIES;
import static io.github.jaxrscors.it.RolloutScenarios.WOULD_REFUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.it.DropInScenarios.Request;
import io.github.jaxrscors.it.app.rollout.RolloutApplication;
import io.github.jaxrscors.testing.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A report-only rollout in production, on Jersey and on RESTEasy: every policy in report-only,
 * {@code cors.refresh-interval=1s}. Each kind of would-be refusal is logged at WARNING; a flood of
 * {@value #FLOOD} distinct hostile origins leaves the log bounded ({@value #LINES_PER_MINUTE} lines a
 * minute, the rest summed up once the minute is over) and the retained heap as it was; then the
 * operators switch report-only off, and the same requests are refused, without a restart, with the
 * reasons the WARNING lines gave. The steps run in order, the JVMs live through all of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportOnlyFloodIT {

    static final int FLOOD = 10_000;
    /** Before the heap is first measured: the code paths run, the JIT compiled them. */
    static final int WARM_UP = 1_000;
    static final int LINES_PER_MINUTE = 50;
    /**
     * What the flood may leave on the heap after GC, at most: 100 bytes an origin. An origin kept
     * anywhere (a string of 70 characters and its map entry) costs about twice that.
     */
    static final long RETAINED_HEAP_BOUND = FLOOD * 100L;
    private static final Duration SUMMARY_WAIT = Duration.ofSeconds(150);
    private static final Pattern SUMMARY = Pattern.compile("report-only: (\\d+) more would-be refusals were not logged in the "
            + "minute before \\(at most 50 lines a minute\\): (.*); the cors.requests metric counts them all");

    /** One of each reason a report-only policy would refuse for. */
    private static final List<Request> REFUSALS = List.of(
            Request.of("GET", "api/items", "Origin", "https://reason.example"),
            Request.of("GET", "api/items", "Origin", APP + "/"),
            Request.preflight(APP, "api/items/7", "PATCH", null),
            Request.preflight(APP, "api/items/7", "PUT", "x-other"),
            Request.preflight(APP, "api/items/7", "PUT", "content-type x-request-id"),
            Request.of("PATCH", "api/partner", "Origin", PARTNER, "Content-Type", "application/json"),
            Request.of("GET", "api/admin", "Origin", EVIL));

    private static final Map<ServerRuntime, ForkedJvm> servers = new EnumMap<>(ServerRuntime.class);
    private static final Map<ServerRuntime, Long> startedAt = new EnumMap<>(ServerRuntime.class);
    /** Every would-be refusal sent to the server: each must be logged, or summed up in a summary. */
    private static final Map<ServerRuntime, AtomicLong> wouldBeRefusals = new EnumMap<>(ServerRuntime.class);
    /** The WARNING lines of {@link #REFUSALS}, from "report-only: would refuse " on. */
    private static final Map<ServerRuntime, List<String>> warned = new EnumMap<>(ServerRuntime.class);

    @BeforeAll
    static void startServers() throws Exception {
        for (ServerRuntime runtime : ServerRuntime.values()) {
            startedAt.put(runtime, System.nanoTime());
            servers.put(runtime, ReportOnlyIT.logged(runtime.serving(RolloutApplication.class).configDirectory(CONFIG))
                    .systemProperty("cors.report-only", "true").systemProperty("cors.refresh-interval", "1s").start());
            wouldBeRefusals.put(runtime, new AtomicLong());
        }
        servers.values().forEach(ForkedJvm::awaitListening);
    }

    @AfterAll
    static void stopServers() {
        servers.values().forEach(ForkedJvm::close);
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    @Order(1)
    void everyKindOfWouldBeRefusalIsLoggedAtWarning(ServerRuntime runtime) throws Exception {
        ForkedJvm server = servers.get(runtime);
        assertThat(server.output()).contains(REPORT_ONLY_POLICIES + "admin, default, public");
        List<String> lines = new ArrayList<>();
        for (Request refusal : REFUSALS) {
            ServerLog log = ServerLog.from(server);
            Reply reply = refusal.sendTo(server);
            wouldBeRefusals.get(runtime).incrementAndGet();
            assertThat(reply.corsHeaders()).as("report-only adds no CORS header").isEmpty();
            String line = log.await("the would-be refusal of " + refusal, l -> l.contains(WOULD_REFUSE));
            assertThat(line).startsWith("WARNING io.github.jaxrscors: " + WOULD_REFUSE);
            lines.add(line.substring(line.indexOf(WOULD_REFUSE) + WOULD_REFUSE.length()));
        }
        warned.put(runtime, lines);
        System.out.println("[report-only] " + runtime + ": " + String.join("\n  ", lines));
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(" by policy"))).containsExactly(
                "request: origin 'https://reason.example' not allowed",
                "request: origin 'https://app.example.com/' is malformed (or repeated, or too long), so not allowed",
                "preflight: method 'PATCH' not allowed",
                "preflight: header 'x-other' not allowed",
                "preflight: Access-Control-Request-Headers 'content-type x-request-id' is not a list of header names, so not allowed",
                "request: content type 'application/json' not allowed (allow the Content-Type header to permit it)",
                "request: origin 'https://evil.example' not allowed");
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    @Order(2)
    void aFloodOfDistinctOriginsKeepsTheLogAndTheHeapBounded(ServerRuntime runtime) throws Exception {
        ForkedJvm server = servers.get(runtime);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI items = server.awaitListening().resolve("api/items");
        flood(client, items, runtime, "warm-up", WARM_UP);
        long heapBefore = retainedHeap(server);
        Map<String, Long> countsBefore = ReportOnlyIT.counts(server);
        long started = System.nanoTime();

        flood(client, items, runtime, "flood", FLOOD);

        long took = System.nanoTime() - started;
        long heapAfter = retainedHeap(server);
        Map<String, Long> countsAfter = ReportOnlyIT.counts(server);
        long lines = wouldRefuseLines(server);
        System.out.printf("[report-only] %s: %,d distinct origins in %,d ms; retained heap %,d -> %,d bytes (%+,d); "
                + "%d would-be refusals logged since the start%n", runtime, FLOOD, took / 1_000_000, heapBefore, heapAfter,
                heapAfter - heapBefore, lines);
        assertThat(lines).as("lines logged in the %d started minutes since the server started", minutesSinceStart(runtime))
                .isLessThanOrEqualTo(LINES_PER_MINUTE * minutesSinceStart(runtime));
        assertThat(heapAfter - heapBefore).as("heap retained by %,d distinct origins", FLOOD).isLessThan(RETAINED_HEAP_BOUND);
        assertThat(grown(countsBefore, countsAfter)).as("every one counted").isEqualTo(Map.of(
                "actual refused report_only default origin", FLOOD * 9L / 10,
                "actual refused report_only default malformed_origin", FLOOD / 10L));
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    @Order(3)
    void theRefusalsNotLoggedAreSummedUpOnceTheMinuteIsOver(ServerRuntime runtime) throws Exception {
        ForkedJvm server = servers.get(runtime);
        long deadline = System.nanoTime() + SUMMARY_WAIT.toNanos();
        // Nothing is sent after the flood: the minute's summary comes once the minute is over, all the same.
        while (wouldRefuseLines(server) + summarised(server) < wouldBeRefusals.get(runtime).get()) {
            assertThat(System.nanoTime()).as("every would-be refusal logged or summed up within %s, nothing refused since the flood",
                    SUMMARY_WAIT).isLessThan(deadline);
            Thread.sleep(500);
        }
        List<String> summaries = server.output().lines().filter(l -> SUMMARY.matcher(l).find()).toList();
        System.out.println("[report-only] " + runtime + ": " + String.join("\n  ", summaries));
        assertThat(wouldRefuseLines(server) + summarised(server)).as("logged and summed up, each once")
                .isEqualTo(wouldBeRefusals.get(runtime).get());
        assertThat(summaries).as("one summary a minute at most").hasSizeBetween(1, (int) minutesSinceStart(runtime))
                .allMatch(l -> l.startsWith("WARNING io.github.jaxrscors: "));
        assertThat(summaries.get(0)).as("suppressed refusals by reason").containsPattern("origin \\d+, malformed_origin \\d+;");
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    @Order(4)
    void switchingReportOnlyOffEnforcesWithoutARestartForTheReasonsTheWarningsGave(ServerRuntime runtime) throws Exception {
        ForkedJvm server = servers.get(runtime);
        ServerLog log = ServerLog.from(server);
        Reply set = server.send("PUT", "test/properties/cors.report-only?value=" + URLEncoder.encode("false", StandardCharsets.UTF_8));
        assertThat(set.status()).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String probe = "https://enforced.example";
        while (Request.of("GET", "api/items", "Origin", probe).sendTo(server).status() != 403) {
            assertThat(System.nanoTime()).as("enforcing within 20 s of the change").isLessThan(deadline);
            Thread.sleep(100);
        }
        log.await("the new generation", l -> l.contains("CORS configuration changed; the new policy is active"));
        // The probes' lines come through the pipe after their answers: the last one marks the end of them.
        log.await("the refusal of the probe", l -> l.contains(" rejected: origin '" + probe + "'"));
        ServerLog enforcing = ServerLog.from(server);
        List<String> rejected = new ArrayList<>();
        for (Request refusal : REFUSALS) {
            ServerLog since = ServerLog.from(server);
            assertThat(refusal.sendTo(server).status()).as("%s refused", refusal).isEqualTo(403);
            String line = since.await("the rejection of " + refusal, l -> l.contains(" rejected: "));
            assertThat(line).startsWith("FINE io.github.jaxrscors: ");
            rejected.add(line.substring("FINE io.github.jaxrscors: ".length()));
        }
        assertThat(rejected).as("the DEBUG lines give the reasons the WARNING lines gave")
                .isEqualTo(warned.get(runtime).stream().map(w -> w.replaceFirst(": ", " rejected: ")).toList());
        assertThat(enforcing.lines(l -> l.contains(WOULD_REFUSE) || l.contains(REPORT_ONLY_POLICIES)))
                .as("nothing logged as report-only once enforcing").isEmpty();
    }

    /** Sends {@code count} requests from distinct origins, every tenth malformed, each answered by the application. */
    private static void flood(HttpClient client, URI uri, ServerRuntime runtime, String name, int count) throws Exception {
        Semaphore inFlight = new Semaphore(8);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Long, as real hostile origins may be: a kept copy of each would show in the heap.
            String origin = String.format("https://%s-%05d-%s.attacker.example%s", name, i, "x".repeat(30), i % 10 == 9 ? "/" : "");
            HttpRequest request = HttpRequest.newBuilder(uri).header("Origin", origin).timeout(Duration.ofSeconds(30)).build();
            inFlight.acquire();
            sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null) {
                    wrong.add(origin + ": " + failure);
                } else if (response.statusCode() != 200 || !response.body().equals("items")
                        || response.headers().map().keySet().stream()
                                .anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("access-control-"))) {
                    wrong.add(origin + ": " + response.statusCode() + " " + response.headers().map());
                }
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        wouldBeRefusals.get(runtime).addAndGet(count);
        assertThat(wrong).as("answers other than the application's own").isEmpty();
    }

    private static long retainedHeap(ForkedJvm server) {
        Reply reply = server.send("GET", "test/state/retained-heap");
        assertThat(reply.status()).isEqualTo(200);
        return Long.parseLong(reply.body());
    }

    private static long wouldRefuseLines(ForkedJvm server) {
        return server.output().lines().filter(l -> l.contains(WOULD_REFUSE)).count();
    }

    private static long summarised(ForkedJvm server) {
        long sum = 0;
        for (String line : server.output().lines().toList()) {
            Matcher summary = SUMMARY.matcher(line);
            if (summary.find()) {
                sum += Long.parseLong(summary.group(1));
            }
        }
        return sum;
    }

    /** The minutes begun since the server started: its log's windows cannot be more. */
    private static long minutesSinceStart(ServerRuntime runtime) {
        return (System.nanoTime() - startedAt.get(runtime)) / Duration.ofMinutes(1).toNanos() + 1;
    }

    private static Map<String, Long> grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new TreeMap<>();
        after.forEach((key, count) -> {
            long by = count - before.getOrDefault(key, 0L);
            if (by != 0) {
                grown.put(key, by);
            }
        });
        return grown;
    }
}
