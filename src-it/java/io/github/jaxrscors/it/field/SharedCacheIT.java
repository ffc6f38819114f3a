package io.github.jaxrscors.it.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.github.jaxrscors.testing.LoopbackHttp;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.it.ForkedJvm;
import io.github.jaxrscors.it.field.app.FieldServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Varnish and nginx {@code proxy_cache} in front of the application, each storing 200s for a
 * minute. A shared cache hands a stored answer to every later request whose {@code Vary}-listed
 * headers match, so each answer must be one the application would also have given those later
 * requests. Every request here goes through a cache and directly to the application, and the two
 * answers must agree on status, every {@code Access-Control-*} header and {@code Vary}.
 */
class SharedCacheIT {

    private static final String ORIGIN_A = "https://partner.example";
    /** Allowed by {@code *}, refused by the listed-origins policy. */
    private static final String ORIGIN_B = "https://elsewhere.example";
    private static final String HIT = "HIT";
    private static final String MISS = "MISS";

    @RegisterExtension
    static final ChildProcesses rig = new ChildProcesses();

    /** An application instance, by its configuration folder under {@code src-it/config}. */
    enum App {
        LISTED("field"),
        ANY("field-any");

        final String configuration;

        App(String configuration) {
            this.configuration = configuration;
        }
    }

    enum Policy {
        ANY_ORIGIN_DEFAULT(App.ANY, "api/catalog"),
        LISTED_ORIGINS(App.LISTED, "api/catalog"),
        ANY_ORIGIN_ANNOTATION(App.LISTED, "api/open");

        final App app;
        final String path;

        Policy(App app, String path) {
            this.app = app;
            this.path = path;
        }
    }

    enum Cache {
        VARNISH,
        NGINX
    }

    private static final Map<App, URI> direct = new EnumMap<>(App.class);
    private static final Map<Cache, Map<App, URI>> cached = new EnumMap<>(Cache.class);
    private static final LoopbackHttp http = LoopbackHttp.plain();

    @BeforeAll
    static void start() throws Exception {
        Map<App, ForkedJvm> servers = new EnumMap<>(App.class);
        for (App app : App.values()) {
            ForkedJvm server = new ForkedJvm.Spec(FieldServer.class, "jersey").configDirectory(app.configuration).start();
            servers.put(app, rig.register("application (configuration '" + app.configuration + "')", server, server,
                    server::output));
        }
        servers.forEach((app, server) -> direct.put(app, server.awaitListening()));

        Map<App, Integer> varnish = ports();
        Varnish.start(rig, """
                vcl 4.1;

                backend listed { .host = "127.0.0.1"; .port = "%d"; }
                backend any { .host = "127.0.0.1"; .port = "%d"; }

                sub vcl_recv {
                    # One cache for both applications: the socket a request arrives on picks one.
                    if (local.socket == "any") {
                        set req.backend_hint = any;
                    } else {
                        set req.backend_hint = listed;
                    }
                }

                sub vcl_backend_response {
                    # The application sends no Cache-Control: store its 200s for a minute, as a site would.
                    if (beresp.status == 200) {
                        set beresp.ttl = 60s;
                    }
                }

                sub vcl_deliver {
                    if (obj.hits > 0) {
                        set resp.http.X-Cache = "HIT";
                    } else {
                        set resp.http.X-Cache = "MISS";
                    }
                }
                """.formatted(direct.get(App.LISTED).getPort(), direct.get(App.ANY).getPort()),
                Map.of("listed", varnish.get(App.LISTED), "any", varnish.get(App.ANY)));
        cached.put(Cache.VARNISH, fronts(varnish));

        Map<App, Integer> nginx = ports();
        Nginx.start(rig, "nginx-cache", folder -> {
            StringBuilder http = new StringBuilder("""
                        proxy_cache_path %s/cache levels=1:2 keys_zone=field:1m max_size=16m inactive=10m use_temp_path=off;
                    """.formatted(folder));
            nginx.forEach((app, port) -> http.append("""
                        server {
                            listen 127.0.0.1:%d;
                            location / {
                                proxy_pass http://127.0.0.1:%d;
                                proxy_cache field;
                                proxy_cache_valid 200 60s;
                                add_header X-Cache $upstream_cache_status always;
                            }
                        }
                    """.formatted(port, direct.get(app).getPort())));
            return http.toString();
        }, nginx.values().stream().mapToInt(Integer::intValue).toArray());
        cached.put(Cache.NGINX, fronts(nginx));

        cached.forEach((cache, fronts) -> fronts.forEach((app, front) -> assertThat(
                http.send("GET", front.resolve("page")).status())
                .as("%s in front of the application '%s' serves its page", cache, app.configuration).isEqualTo(200)));
    }

    static Stream<Arguments> cachesAndPolicies() {
        return Stream.of(Cache.values()).flatMap(c -> Stream.of(Policy.values()).map(p -> Arguments.of(c, p)));
    }

    /**
     * No {@code Origin} (a script on the server, a navigation), then origin A, origin B (allowed by
     * {@code *}, refused by the list) and A again: under {@code *} an answer without
     * {@code Access-Control-Allow-Origin} and without {@code Vary} would be handed to A.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cachesAndPolicies")
    void everyClientGetsWhatTheApplicationGivesItDirectly(Cache cache, Policy policy, TestInfo test) {
        List<Exchange> exchanges = replay(cache, policy, test, List.of(
                new Step("no Origin", Map.of()),
                new Step("Origin A", Map.of("Origin", ORIGIN_A)),
                new Step("Origin B", Map.of("Origin", ORIGIN_B)),
                new Step("Origin A again", Map.of("Origin", ORIGIN_A))));

        assertSoftly(softly -> {
            assertEveryClientGotItsOwnAnswer(softly, exchanges);
            softly.assertThat(exchanges.get(3).cacheStatus()).as("origin A's second request was served from the cache")
                    .isEqualTo(HIT);
        });
    }

    /**
     * Anyone can send {@code Sec-Fetch-Site: same-origin} from outside a browser. Were it to strip
     * an allowed origin's CORS headers, the cache would store that bare answer under the origin and
     * hand it to the origin's real pages.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cachesAndPolicies")
    void aForgedSameOriginKeepsAnAllowedOriginsCorsHeaders(Cache cache, Policy policy, TestInfo test) {
        List<Exchange> exchanges = replay(cache, policy, test, List.of(
                new Step("Origin A with a forged Sec-Fetch-Site: same-origin", Map.of("Origin", ORIGIN_A, "Sec-Fetch-Site", "same-origin")),
                new Step("Origin A from its own page (cross-site)", Map.of("Origin", ORIGIN_A, "Sec-Fetch-Site", "cross-site"))));

        assertSoftly(softly -> {
            assertEveryClientGotItsOwnAnswer(softly, exchanges);
            softly.assertThat(exchanges.get(0).viaCache().header("Access-Control-Allow-Origin"))
                    .as("the forged request's Access-Control-Allow-Origin").isNotNull();
            softly.assertThat(Answer.of(exchanges.get(0).viaCache()).withoutVary()).as("the forged request's status and CORS headers")
                    .isEqualTo(Answer.of(exchanges.get(1).direct()).withoutVary());
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Cache.class)
    void aForgedSameOriginNeverOpensADisallowedOrigin(Cache cache, TestInfo test) {
        List<Exchange> exchanges = replay(cache, Policy.LISTED_ORIGINS, test, List.of(
                new Step("Origin B (refused) with a forged Sec-Fetch-Site: same-origin",
                        Map.of("Origin", ORIGIN_B, "Sec-Fetch-Site", "same-origin"))));

        Exchange forged = exchanges.get(0);
        assertSoftly(softly -> {
            softly.assertThat(forged.viaCache().corsHeaders()).as("Access-Control-* through the cache: %s",
                    Answer.of(forged.viaCache())).isEmpty();
            softly.assertThat(forged.direct().corsHeaders()).as("Access-Control-* directly: %s",
                    Answer.of(forged.direct())).isEmpty();
        });
    }

    // --- replaying a sequence through a cache and directly

    record Step(String description, Map<String, String> headers) {

        /** The headers as name, value, name, value. */
        String[] pairs() {
            return headers.entrySet().stream().flatMap(h -> Stream.of(h.getKey(), h.getValue())).toArray(String[]::new);
        }
    }

    record Exchange(Step step, Reply viaCache, String cacheStatus, Reply direct) {
    }

    /**
     * The part of a response that CORS decides and a shared cache must pass on unchanged: the
     * status, every {@code Access-Control-*} header and {@code Vary}.
     */
    record Answer(int status, Map<String, List<String>> headers) {

        static Answer of(Reply reply) {
            return new Answer(reply.status(), reply.accessControlAndVary());
        }

        /** The same answer without {@code Vary}: what the client itself gets to see. */
        Answer withoutVary() {
            Map<String, List<String>> rest = new TreeMap<>(headers);
            rest.remove("vary");
            return new Answer(status, rest);
        }

        @Override
        public String toString() {
            return status + " " + headers;
        }
    }

    /** Sends each step through the cache, then the same request directly, under a cache key no other test uses. */
    private static List<Exchange> replay(Cache cache, Policy policy, TestInfo test, List<Step> steps) {
        String path = policy.path + "?sequence=" + test.getTestMethod().orElseThrow().getName() + "-" + cache + "-" + policy;
        List<Exchange> exchanges = new ArrayList<>();
        for (Step step : steps) {
            Reply viaCache = http.send("GET", cached.get(cache).get(policy.app).resolve(path), step.pairs());
            Reply direct = http.send("GET", SharedCacheIT.direct.get(policy.app).resolve(path), step.pairs());
            Exchange exchange = new Exchange(step, viaCache, Objects.requireNonNullElse(viaCache.header("X-Cache"), "(none)"),
                    direct);
            System.out.printf("[field] %s %s %s: via cache %s %s | directly %s%n", cache, policy, step.description(),
                    exchange.cacheStatus(), Answer.of(viaCache), Answer.of(direct));
            exchanges.add(exchange);
        }
        return exchanges;
    }

    private static void assertEveryClientGotItsOwnAnswer(SoftAssertions softly, List<Exchange> exchanges) {
        List<String> expected = expectedCacheStatuses(exchanges);
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            softly.assertThat(Answer.of(exchange.viaCache())).as("%s: through the cache (%s) vs directly",
                    exchange.step().description(), exchange.cacheStatus()).isEqualTo(Answer.of(exchange.direct()));
            softly.assertThat(exchange.cacheStatus()).as("%s: served from the cache, as the answers' Vary allows",
                    exchange.step().description()).isEqualTo(expected.get(i));
        }
    }

    /**
     * What a standards-following cache does with these answers: it stores a 200 it fetched (the
     * only status both caches here store), and serves it to a later request whose headers named
     * in the stored answer's {@code Vary} are the same as the stored request's.
     */
    private static List<String> expectedCacheStatuses(List<Exchange> exchanges) {
        List<Exchange> stored = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            boolean hit = stored.stream().anyMatch(s -> sameSelectingHeaders(s, exchange.step()));
            statuses.add(hit ? HIT : MISS);
            if (!hit && exchange.direct().status() == 200) {
                stored.add(exchange);
            }
        }
        return statuses;
    }

    private static boolean sameSelectingHeaders(Exchange stored, Step request) {
        Map<String, String> storedHeaders = caseInsensitive(stored.step().headers());
        Map<String, String> requestHeaders = caseInsensitive(request.headers());
        List<String> vary = stored.direct().elements("Vary").stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        return !vary.contains("*") && vary.stream().allMatch(name ->
                Objects.equals(storedHeaders.get(name), requestHeaders.get(name)));
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map;
    }

    private static Map<App, Integer> ports() {
        Map<App, Integer> ports = new LinkedHashMap<>();
        for (App app : App.values()) {
            ports.put(app, ChildProcess.freePort());
        }
        return ports;
    }

    private static Map<App, URI> fronts(Map<App, Integer> ports) {
        Map<App, URI> fronts = new EnumMap<>(App.class);
        ports.forEach((app, port) -> fronts.put(app, URI.create("http://127.0.0.1:" + port + "/")));
        return fronts;
    }
}
