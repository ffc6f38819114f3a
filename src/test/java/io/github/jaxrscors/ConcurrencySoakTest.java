package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        try (LoopbackServer server = new LoopbackServer(new ResourceConfig(Resource.class).register(new CorsFeature(policy)))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
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
                            String failure = exchange(client, server, kind, id);
                            if (failure != null) {
                                failures.add(kind + " " + id + ": " + failure);
                            }
                        } catch (Exception e) {
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
    private static String exchange(HttpClient client, LoopbackServer server, Kind kind, String id) throws Exception {
        String origin = "https://t" + id + (kind == Kind.DISALLOWED || kind == Kind.REFUSED_PREFLIGHT ? ".evil.com" : ".example.com");
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("r?id=" + id)).timeout(Duration.ofSeconds(20));
        if (kind != Kind.NO_ORIGIN) {
            request.header("Origin", origin);
        }
        boolean preflight = kind == Kind.PREFLIGHT || kind == Kind.REFUSED_PREFLIGHT;
        if (preflight) {
            request.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "X-Request");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpHeaders h = response.headers();
        List<String> problems = new ArrayList<>();
        if (response.statusCode() >= 500) {
            problems.add("status " + response.statusCode());
        }
        switch (kind) {
            case ALLOWED -> {
                expect(problems, response.statusCode() == 200, "status " + response.statusCode());
                expect(problems, response.body().equals(id) && h.allValues("X-Id").equals(List.of(id)), "another request's body");
                expect(problems, h.allValues("Access-Control-Allow-Origin").equals(List.of(origin)), "ACAO " + h.allValues("Access-Control-Allow-Origin"));
                expect(problems, h.allValues("Access-Control-Allow-Credentials").equals(List.of("true")), "ACAC " + h.allValues("Access-Control-Allow-Credentials"));
                expect(problems, h.allValues("Access-Control-Expose-Headers").equals(List.of("X-Id")), "ACEH " + h.allValues("Access-Control-Expose-Headers"));
                expect(problems, h.allValues("Vary").equals(List.of("Accept, Origin")), "Vary " + h.allValues("Vary"));
            }
            case NO_ORIGIN -> {
                expect(problems, response.statusCode() == 200 && response.body().equals(id), "status " + response.statusCode());
                expect(problems, noAccessControl(h), "CORS headers " + h.map());
                expect(problems, h.allValues("Vary").equals(List.of("Accept, Origin")), "Vary " + h.allValues("Vary"));
            }
            case DISALLOWED -> {
                expect(problems, response.statusCode() == 403 && response.body().isEmpty(), "status " + response.statusCode());
                expect(problems, noAccessControl(h), "CORS headers " + h.map());
                expect(problems, h.allValues("Vary").equals(List.of("Origin, Sec-Fetch-Site")), "Vary " + h.allValues("Vary"));
            }
            case PREFLIGHT -> {
                expect(problems, response.statusCode() == 204, "status " + response.statusCode());
                expect(problems, h.allValues("Access-Control-Allow-Origin").equals(List.of(origin)), "ACAO " + h.allValues("Access-Control-Allow-Origin"));
                expect(problems, h.allValues("Access-Control-Allow-Methods").size() == 1
                        && h.firstValue("Access-Control-Allow-Methods").orElse("").contains("PUT"), "ACAM " + h.allValues("Access-Control-Allow-Methods"));
                expect(problems, h.allValues("Access-Control-Allow-Headers").size() == 1
                        && h.firstValue("Access-Control-Allow-Headers").orElse("").contains("x-request"), "ACAH " + h.allValues("Access-Control-Allow-Headers"));
                expect(problems, h.allValues("Vary").equals(List.of(PREFLIGHT_VARY)), "Vary " + h.allValues("Vary"));
            }
            case REFUSED_PREFLIGHT -> {
                expect(problems, response.statusCode() == 403, "status " + response.statusCode());
                expect(problems, noAccessControl(h), "CORS headers " + h.map());
                expect(problems, h.allValues("Vary").equals(List.of(REFUSED_PREFLIGHT_VARY)), "Vary " + h.allValues("Vary"));
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static boolean noAccessControl(HttpHeaders headers) {
        return headers.map().keySet().stream().noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }

    private static void expect(List<String> problems, boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
