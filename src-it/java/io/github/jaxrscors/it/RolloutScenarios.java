package io.github.jaxrscors.it;

import io.github.jaxrscors.CorsInspector;
import io.github.jaxrscors.it.DropInScenarios.Request;
import io.github.jaxrscors.it.app.rollout.RolloutApplication;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestConfig;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Requests to {@link RolloutApplication} that its policies ({@code src-it/config/rollout}) allow,
 * refuse, or cannot read, preflights and actual requests alike, and what a server's answers and
 * log show of them.
 */
final class RolloutScenarios {

    static final String CONFIG = "rollout";
    static final String APP = "https://app.example.com";
    static final String ADMIN = "https://admin.example.com";
    static final String EVIL = "https://evil.example";
    static final String PARTNER = "https://partner.example";

    /** The log line that starts every would-be refusal of a report-only policy. */
    static final String WOULD_REFUSE = "report-only: would refuse ";
    /** The deployment's warning naming the report-only policies. */
    static final String REPORT_ONLY_POLICIES = "CORS policies in report-only mode, deciding, logging and counting requests "
            + "but never refusing or answering them: ";

    private static final Pattern PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+");

    record Scenario(String description, Request request) {

        @Override
        public String toString() {
            return description;
        }

        /** Whether it is a CORS-preflight request, by the Fetch standard's definition. */
        boolean preflight() {
            return request.method().equals("OPTIONS") && has("Origin") && has("Access-Control-Request-Method");
        }

        private boolean has(String name) {
            for (int i = 0; i < request.headers().size(); i += 2) {
                if (request.headers().get(i).equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        CorsInspector.Answer askedOf(CorsInspector inspector) {
            return inspector.request(request.method(), request.path(), request.headers().toArray(String[]::new));
        }
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("allowed GET", Request.of("GET", "api/items", "Origin", APP)),
                new Scenario("allowed preflight", Request.preflight(APP, "api/items/7", "PUT", "content-type, x-request-id")),
                new Scenario("allowed PUT with JSON", Request.of("PUT", "api/items/7", "Origin", APP, "Content-Type", "application/json")),
                new Scenario("GET from any origin under a named policy", Request.of("GET", "api/public", "Origin", EVIL)),
                new Scenario("allowed GET, admin policy", Request.of("GET", "api/admin", "Origin", ADMIN)),
                new Scenario("allowed preflight, admin policy", Request.preflight(ADMIN, "api/admin/3", "DELETE", null)),
                new Scenario("GET from a foreign origin", Request.of("GET", "api/items", "Origin", EVIL)),
                new Scenario("HEAD from a foreign origin", Request.of("HEAD", "api/items", "Origin", EVIL)),
                new Scenario("preflight from a foreign origin", Request.preflight(EVIL, "api/items/7", "PUT", null)),
                new Scenario("preflight for a method not allowed", Request.preflight(APP, "api/items/7", "PATCH", null)),
                new Scenario("preflight for a header not allowed", Request.preflight(APP, "api/items/7", "PUT", "x-other")),
                new Scenario("PATCH with a content type its method's policy does not allow",
                        Request.of("PATCH", "api/partner", "Origin", PARTNER, "Content-Type", "application/json")),
                new Scenario("GET from a foreign origin, admin policy", Request.of("GET", "api/admin", "Origin", EVIL)),
                new Scenario("preflight from the default policy's origin, admin policy", Request.preflight(APP, "api/admin/1", "PUT", null)),
                new Scenario("foreign GET where an authentication filter answers", Request.of("GET", "api/secure", "Origin", EVIL)),
                new Scenario("foreign preflight before the authentication filter", Request.preflight(EVIL, "api/secure", "GET", null)),
                new Scenario("foreign GET to the hand-written CORS", Request.of("GET", "api/legacy", "Origin", EVIL)),
                new Scenario("foreign preflight to the hand-written CORS", Request.preflight(EVIL, "api/legacy", "PUT", "x-legacy-token")),
                new Scenario("allowed preflight to the hand-written CORS", Request.preflight(APP, "api/legacy", "PUT", "content-type")),
                new Scenario("foreign preflight to a path nothing serves", Request.preflight(EVIL, "api/nowhere", "PUT", null)),
                new Scenario("foreign GET to a path nothing serves", Request.of("GET", "api/nowhere", "Origin", EVIL)),
                new Scenario("foreign GET to a resource left to the application", Request.of("GET", "api/internal", "Origin", EVIL)),
                new Scenario("malformed origin: trailing slash", Request.of("GET", "api/items", "Origin", APP + "/")),
                new Scenario("malformed origin: two Origin lines", Request.of("GET", "api/items", "Origin", APP, "Origin", EVIL)),
                new Scenario("malformed origin: null", Request.of("GET", "api/items", "Origin", "null")),
                new Scenario("malformed origin: null, preflight", Request.preflight("null", "api/items/7", "PUT", null)),
                new Scenario("malformed origin: too long", Request.of("GET", "api/items", "Origin", "https://" + "a".repeat(600) + ".example.org")),
                new Scenario("malformed Access-Control-Request-Headers", Request.preflight(APP, "api/items/7", "PUT", "content-type x-request-id")),
                new Scenario("GET without Origin", Request.of("GET", "api/items")),
                new Scenario("OPTIONS without Access-Control-Request-Method", Request.of("OPTIONS", "api/items", "Origin", APP)),
                new Scenario("foreign PUT the same-origin check lets through",
                        Request.of("PUT", "api/items/7", "Origin", EVIL, "Sec-Fetch-Site", "same-origin", "Content-Type", "text/plain")));
    }

    /**
     * The parts of a reply that two servers of the same application must share: status, every header
     * line in order but {@code Date}, and body; the server's port, which each has its own, masked.
     */
    static List<String> comparable(Reply reply) {
        List<String> parts = new ArrayList<>();
        parts.add("status " + reply.status());
        for (Map.Entry<String, String> header : reply.headers()) {
            if (!header.getKey().equalsIgnoreCase("Date")) {
                parts.add(header.getKey() + ": " + masked(header.getValue()));
            }
        }
        parts.add("body " + masked(reply.body()));
        return parts;
    }

    private static String masked(String text) {
        return PORT.matcher(text).replaceAll("$1:PORT");
    }

    /**
     * The policies as a server with {@code overrides} (system properties there) reads them: here
     * they are environment variables, which override the file as system properties do.
     */
    static CorsInspector inspector(Map<String, String> overrides) throws MalformedURLException {
        Path file = Path.of(System.getProperty("it.config.dir"), CONFIG, "META-INF", "microprofile-config.properties");
        Config config = TestConfig.layers().file(file.toUri().toURL())
                .environment(overrides.entrySet().stream().collect(Collectors.toMap(
                        e -> e.getKey().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), Map.Entry::getValue)))
                .build();
        return CorsInspector.builder().application(new RolloutApplication()).config(config).build();
    }

    /** The line a report-only policy logs for a request it would refuse, up to the route it names. */
    static String wouldRefuse(Scenario scenario, CorsInspector.Answer answer) {
        return WOULD_REFUSE + (scenario.preflight() ? "preflight" : "request") + ": " + answer.reason() + " by policy '"
                + answer.policy() + "' for ";
    }

    /** The {@code cors.requests} attributes the answer is counted under, as {@code DecisionTally} lists them. */
    static String countedAs(Scenario scenario, CorsInspector.Answer answer) {
        return String.join(" ", scenario.preflight() ? "preflight" : "actual", answer.outcome().name().toLowerCase(Locale.ROOT),
                answer.reportOnly() ? "report_only" : "enforce", answer.policy(), answer.reasonCode() == null ? "-" : answer.reasonCode());
    }

    private RolloutScenarios() {
    }
}
