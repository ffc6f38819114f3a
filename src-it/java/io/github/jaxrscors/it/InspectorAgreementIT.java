package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsInspector;
import io.github.jaxrscors.it.GeneratedRequests.Request;
import io.github.jaxrscors.it.app.inspected.InspectedApplication;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link CorsInspector} answers as the server does. The same generated requests go to
 * {@code InspectedApplication} deployed with the jar on Jersey and on RESTEasy (each in a JVM of its
 * own), and to an inspector built from the same classes and {@code src-it/config/inspected}: where
 * the library answered, both give the same status; always, the same {@code Access-Control-*},
 * {@code Vary} and {@code Cors-Refusal} headers. The seed is fixed ({@code -Dit.inspector.seed}
 * chooses another) and printed; a disagreement prints the request.
 */
class InspectorAgreementIT {

    private static final long SEED = Long.getLong("it.inspector.seed", 20261206L);
    private static final int REQUESTS = 1_500;
    private static final String CONFIG = "inspected";

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void theInspectorAnswersEveryRequestAsTheServer(ServerRuntime runtime) throws Exception {
        try (ForkedJvm server = runtime.serving(InspectedApplication.class).configDirectory(CONFIG).start()) {
            URI base = server.awaitListening();
            CorsInspector inspector = CorsInspector.builder()
                    .application(new InspectedApplication())
                    .config(config())
                    .serverOrigin("http://127.0.0.1:" + base.getPort())
                    .build();
            List<Request> requests = new GeneratedRequests(SEED, base.getPort()).take(REQUESTS);
            System.out.println("[inspector] " + runtime + ": " + REQUESTS + " requests, seed " + SEED);

            List<String> disagreements = new ArrayList<>();
            Map<String, Integer> seen = new TreeMap<>();
            for (Request request : requests) {
                Reply reply = server.send(request.method(), request.path().substring(1), request.headerArray());
                String disagreement;
                if (runtime == ServerRuntime.RESTEASY && RestEasyDelivery.refusesContentType(request)) {
                    seen.merge("refused by RESTEasy before Jakarta REST", 1, Integer::sum);
                    disagreement = reply.status() == 400 && replyHeaders(reply).isEmpty() ? null
                            : "RESTEasy answers 400 itself, without the library; the server answered " + reply.status()
                                    + " " + replyHeaders(reply);
                } else {
                    Request delivered = runtime == ServerRuntime.RESTEASY ? RestEasyDelivery.asDelivered(request) : request;
                    CorsInspector.Answer answer = inspector.request(delivered.method(), delivered.path(), delivered.headerArray());
                    seen.merge(answer.outcome() + (answer.reportOnly() ? " report-only" : "")
                            + (answer.policy() == null ? "" : " " + answer.policy()), 1, Integer::sum);
                    disagreement = disagreement(reply, answer);
                }
                if (disagreement != null) {
                    disagreements.add(request + "\n  " + disagreement);
                }
            }
            System.out.println("[inspector] " + runtime + ": outcomes " + seen);

            assertThat(disagreements).as("%d of %d requests answered otherwise by the inspector (seed %d); the first:\n%s",
                    disagreements.size(), REQUESTS, SEED, disagreements.stream().limit(8).collect(Collectors.joining("\n\n")))
                    .isEmpty();
            assertThat(seen.keySet()).as("the requests reach every outcome and policy").contains(
                    "ALLOWED default", "REFUSED default", "SAME_ORIGIN default", "NOT_CORS", "IGNORED",
                    "ALLOWED files", "REFUSED files", "ALLOWED partners", "REFUSED partners", "ALLOWED public",
                    "REFUSED lenient", "REFUSED report-only rollout", "ALLOWED report-only rollout");
        }
    }

    /** What differs between the server's reply and the inspector's answer, or null. */
    private static String disagreement(Reply reply, CorsInspector.Answer answer) {
        Map<String, List<String>> served = elements(replyHeaders(reply));
        Map<String, List<String>> inspected = elements(answer.headers());
        List<String> differences = new ArrayList<>();
        if (answer.status().isPresent() && answer.status().getAsInt() != reply.status()) {
            differences.add("status: server " + reply.status() + ", inspector " + answer.status().getAsInt());
        }
        if (answer.status().isEmpty() && reply.status() == 403) {
            differences.add("status: server 403, the inspector says the application answers");
        }
        if (!served.equals(inspected)) {
            differences.add("headers: server " + served + ", inspector " + inspected);
        }
        return differences.isEmpty() ? null : String.join("; ", differences) + " (inspector: " + answer.outcome()
                + ", policy " + answer.policy() + ", route " + answer.route() + ", reason " + answer.reason() + ")";
    }

    private static Map<String, List<String>> replyHeaders(Reply reply) {
        Map<String, List<String>> headers = new TreeMap<>(reply.accessControlAndVary());
        List<String> refusal = reply.all("Cors-Refusal");
        if (!refusal.isEmpty()) {
            headers.put("cors-refusal", refusal);
        }
        return headers;
    }

    /** Each header's comma-separated elements, trimmed, across its lines: how many lines carry them is the runtime's choice. */
    private static Map<String, List<String>> elements(Map<String, List<String>> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT),
                e -> e.getValue().stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(), (a, b) -> a, TreeMap::new));
    }

    private static Config config() throws MalformedURLException {
        Path file = Path.of(System.getProperty("it.config.dir"), CONFIG, "META-INF", "microprofile-config.properties");
        return TestConfig.layers().file(file.toUri().toURL()).build();
    }
}
