package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once against one server: every response must carry exactly the headers for its
 * own request's origin. A decision or header list shared between requests shows up here as another
 * thread's origin, a doubled value or a lost {@code Vary}.
 */
class ConcurrencySoakTest {

    private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private static final String REFUSED_PREFLIGHT_VARY = PREFLIGHT_VARY + ", Sec-Fetch-Site";

    static final int THREADS = 16;
    static final int REQUESTS_PER_THREAD = 2_500;
    static final long TIME_CAP_NANOS = TimeUnit.SECONDS.toNanos(45);
    static final int MINIMUM_REQUESTS = 5_000;

    @Path("r")
    public static class Resource {
        @GET
        public Response get(@QueryParam("id") String id) {
            return Response.ok(id).header("X-Id", id).header("Vary", "Accept").build();
        }

        @PUT
        public Response put(@QueryParam("id") String id) {
            return Response.ok(id).header("X-Id", id).build();
        }
    }

    enum Kind { ALLOWED, DISALLOWED, PREFLIGHT, REFUSED_PREFLIGHT, NO_ORIGIN }

    @Test
    void everyResponseCarriesTheHeadersOfItsOwnRequest() throws Exception {
        CorsPolicy policy = CorsPolicy.builder()
                .allowOrigin("https://*.example.com")
                .allowMethod("PUT")
                .allowHeader("X-Request")
                .exposeHeader("X-Id")
                .allowCredentials(true)
                .build();
        Map<Kind, AtomicInteger> counts = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (TestServer server = TestServer.start(new ResourceConfig(Resource.class), policy)) {
            long deadline = System.nanoTime() + TIME_CAP_NANOS;
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < REQUESTS_PER_THREAD && System.nanoTime() < deadline && failures.size() < 20; n++) {
                        Kind kind = Kind.values()[ThreadLocalRandom.current().nextInt(Kind.values().length)];
                        String id = thread + "-" + n;
                        try {
                            String failure = exchange(server, kind, id);
                            if (failure != null) {
                                failures.add(kind + " " + id + ": " + failure);
                            }
                        } catch (RuntimeException | AssertionError e) {
                            failures.add(kind + " " + id + ": " + e);
                        }
                        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int total = counts.values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.printf("Concurrency soak: %d requests from %d threads in %d ms (%.0f/s), by kind %s%n",
                    total, THREADS, millis, total * 1000.0 / Math.max(1, millis), counts);
            assertThat(failures).isEmpty();
            assertThat(total).as("requests completed before the time cap").isGreaterThanOrEqualTo(MINIMUM_REQUESTS);
            assertThat(counts.keySet()).containsExactlyInAnyOrder(Kind.values());
        }
    }

    /** Sends one request of the kind; returns what is wrong with its response, or null. */
    private static String exchange(TestServer server, Kind kind, String id) {
        String origin = "https://t" + id + (kind == Kind.DISALLOWED || kind == Kind.REFUSED_PREFLIGHT ? ".evil.com" : ".example.com");
        List<String> headers = new ArrayList<>();
        if (kind != Kind.NO_ORIGIN) {
            headers.addAll(List.of("Origin", origin));
        }
        boolean preflight = kind == Kind.PREFLIGHT || kind == Kind.REFUSED_PREFLIGHT;
        if (preflight) {
            headers.addAll(List.of("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "X-Request"));
        }
        Reply response = server.send(preflight ? "OPTIONS" : "GET", "r?id=" + id, headers.toArray(String[]::new));
        List<String> problems = new ArrayList<>();
        if (response.status() >= 500) {
            problems.add("status " + response.status());
        }
        switch (kind) {
            case ALLOWED -> {
                expect(problems, response.status() == 200, "status " + response.status());
                expect(problems, response.body().equals(id) && response.all("X-Id").equals(List.of(id)), "another request's body");
                expect(problems, response.all("Access-Control-Allow-Origin").equals(List.of(origin)), "ACAO " + response.all("Access-Control-Allow-Origin"));
                expect(problems, response.all("Access-Control-Allow-Credentials").equals(List.of("true")), "ACAC " + response.all("Access-Control-Allow-Credentials"));
                expect(problems, response.all("Access-Control-Expose-Headers").equals(List.of("X-Id")), "ACEH " + response.all("Access-Control-Expose-Headers"));
                expect(problems, response.all("Vary").equals(List.of("Accept, Origin")), "Vary " + response.all("Vary"));
            }
            case NO_ORIGIN -> {
                expect(problems, response.status() == 200 && response.body().equals(id), "status " + response.status());
                expect(problems, response.corsHeaders().isEmpty(), "CORS headers " + response.corsHeaders());
                expect(problems, response.all("Vary").equals(List.of("Accept, Origin")), "Vary " + response.all("Vary"));
            }
            case DISALLOWED -> {
                expect(problems, response.status() == 403 && response.body().isEmpty(), "status " + response.status());
                expect(problems, response.corsHeaders().isEmpty(), "CORS headers " + response.corsHeaders());
                expect(problems, response.all("Vary").equals(List.of("Origin, Sec-Fetch-Site")), "Vary " + response.all("Vary"));
            }
            case PREFLIGHT -> {
                expect(problems, response.status() == 204, "status " + response.status());
                expect(problems, response.all("Access-Control-Allow-Origin").equals(List.of(origin)), "ACAO " + response.all("Access-Control-Allow-Origin"));
                expect(problems, response.all("Access-Control-Allow-Methods").size() == 1
                        && response.all("Access-Control-Allow-Methods").get(0).contains("PUT"), "ACAM " + response.all("Access-Control-Allow-Methods"));
                expect(problems, response.all("Access-Control-Allow-Headers").size() == 1
                        && response.all("Access-Control-Allow-Headers").get(0).contains("x-request"), "ACAH " + response.all("Access-Control-Allow-Headers"));
                expect(problems, response.all("Vary").equals(List.of(PREFLIGHT_VARY)), "Vary " + response.all("Vary"));
            }
            case REFUSED_PREFLIGHT -> {
                expect(problems, response.status() == 403, "status " + response.status());
                expect(problems, response.corsHeaders().isEmpty(), "CORS headers " + response.corsHeaders());
                expect(problems, response.all("Vary").equals(List.of(REFUSED_PREFLIGHT_VARY)), "Vary " + response.all("Vary"));
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static void expect(List<String> problems, boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
