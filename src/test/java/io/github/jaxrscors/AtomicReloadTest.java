package io.github.jaxrscors;

import io.github.jaxrscors.testing.MutableConfigSource;
import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * Sixteen clients over HTTP while the configuration flips between two policies that differ in
 * origins, credentials, exposed headers and preflight max-age: every response must be the one
 * exactly one of the two policies gives, never a mix (the allowed origin of one with the
 * credentials of the other), and never a server error.
 */
class AtomicReloadTest {

    static final int THREADS = 16;
    static final int MINIMUM_FLIPS = 1_000;
    static final int MINIMUM_REQUESTS = 5_000;
    /** Each request opens a connection of its own; this many stay well within the loopback's ephemeral ports. */
    static final int MAXIMUM_REQUESTS = 15_000;
    static final long TIME_CAP_NANOS = TimeUnit.SECONDS.toNanos(90);

    static final String ONE = "https://one.example";
    static final String TWO = "https://two.example";
    static final String BOTH = "https://both.example";

    static final Map<String, String> FIRST = Map.of(
            "cors.allowed-origins", ONE + ", " + BOTH,
            "cors.allow-credentials", "true",
            "cors.exposed-headers", "X-First",
            "cors.allowed-methods", "PUT",
            "cors.max-age", "100");
    static final Map<String, String> SECOND = Map.of(
            "cors.allowed-origins", TWO + ", " + BOTH,
            "cors.allow-credentials", "false",
            "cors.exposed-headers", "X-Second",
            "cors.allowed-methods", "PUT",
            "cors.max-age", "200");

    /** What one response shows of the policy that answered it. */
    record Seen(int status, String allowOrigin, String allowCredentials, String exposeHeaders, String maxAge) {
        static Seen of(Reply response) {
            return new Seen(response.status(), single(response, "Access-Control-Allow-Origin"),
                    single(response, "Access-Control-Allow-Credentials"), single(response, "Access-Control-Expose-Headers"),
                    single(response, "Access-Control-Max-Age"));
        }

        /** The header's value, or its values joined when it was sent more than once (never right). */
        private static String single(Reply response, String name) {
            List<String> values = response.all(name);
            return values.isEmpty() ? null : String.join(" | ", values);
        }
    }

    /** The response the policy gives: {@code first} for FIRST, else SECOND. */
    static Seen expected(boolean first, boolean preflight, String origin) {
        boolean allowed = origin.equals(BOTH) || origin.equals(first ? ONE : TWO);
        if (!allowed) {
            return new Seen(403, null, null, null, null);
        }
        String credentials = first ? "true" : null;
        return preflight
                ? new Seen(204, origin, credentials, null, first ? "100" : "200")
                : new Seen(200, origin, credentials, first ? "X-First" : "X-Second", null);
    }

    @Test
    void everyResponseIsTheAnswerOfExactlyOnePolicy() throws Exception {
        MutableConfigSource source = new MutableConfigSource(FIRST, "cors.allowed-origins");
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger firstSeen = new AtomicInteger();
        AtomicInteger secondSeen = new AtomicInteger();
        AtomicLong requests = new AtomicLong();
        AtomicBoolean flipping = new AtomicBoolean(true);
        AtomicReference<Configuration> configuration = new AtomicReference<>();
        try (TestServer server = TestServer.start(new ResourceConfig(LiveReconfigurationTest.Items.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(source.config())))
                .register((Feature) context -> {
                    // The application's configuration, as a resource would have it injected.
                    configuration.compareAndSet(null, context.getConfiguration());
                    return true;
                }))) {
            long deadline = System.nanoTime() + TIME_CAP_NANOS;
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                clients.add(pool.submit(() -> {
                    while (flipping.get() && System.nanoTime() < deadline && failures.size() < 20) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        String origin = List.of(ONE, TWO, BOTH).get(random.nextInt(3));
                        boolean preflight = random.nextBoolean();
                        Reply response = preflight
                                ? server.send("OPTIONS", "items", "Origin", origin, "Access-Control-Request-Method", "PUT")
                                : server.send("GET", "items", "Origin", origin);
                        requests.incrementAndGet();
                        Seen seen = Seen.of(response);
                        boolean first = seen.equals(expected(true, preflight, origin));
                        boolean second = seen.equals(expected(false, preflight, origin));
                        if (!first && !second) {
                            failures.add((preflight ? "preflight" : "GET") + " from " + origin + ": " + seen);
                        } else if (first != second) {
                            (first ? firstSeen : secondSeen).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            int flips = 0;
            try {
                while (System.nanoTime() < deadline && failures.isEmpty() && requests.get() < MAXIMUM_REQUESTS
                        && (flips < MINIMUM_FLIPS || requests.get() < MINIMUM_REQUESTS)) {
                    source.setAll(flips % 2 == 0 ? SECOND : FIRST);
                    assertThat(CorsFeature.reload(configuration.get())).as("flip %d installs the other policy", flips).isTrue();
                    flips++;
                    // Lets requests in between flips, rather than all at the end of a burst of them.
                    Thread.sleep(flips % 10 == 0 ? 1 : 0);
                }
            } finally {
                flipping.set(false);
                for (Future<?> c : clients) {
                    c.get();
                }
                pool.shutdown();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("Atomic reload: %d flips, %d requests from %d threads in %d ms; answers only the first "
                    + "policy gives: %d, only the second: %d%n", flips, requests.get(), THREADS, millis, firstSeen.get(),
                    secondSeen.get());

            assertThat(failures).as("responses that neither policy gives").isEmpty();
            assertThat(flips).as("flips before the time cap").isGreaterThanOrEqualTo(MINIMUM_FLIPS);
            assertThat(requests.get()).as("requests while flipping").isGreaterThanOrEqualTo(MINIMUM_REQUESTS);
            assertThat(firstSeen.get()).as("answers only the first policy gives").isPositive();
            assertThat(secondSeen.get()).as("answers only the second policy gives").isPositive();
        }
    }
}
