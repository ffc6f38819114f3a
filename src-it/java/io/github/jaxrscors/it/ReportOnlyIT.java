package io.github.jaxrscors.it;

import static io.github.jaxrscors.it.RolloutScenarios.CONFIG;
import static io.github.jaxrscors.it.RolloutScenarios.REPORT_ONLY_POLICIES;
import static io.github.jaxrscors.it.RolloutScenarios.WOULD_REFUSE;
import static io.github.jaxrscors.it.RolloutScenarios.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsInspector;
import io.github.jaxrscors.it.DropInScenarios.Request;
import io.github.jaxrscors.it.RolloutScenarios.Scenario;
import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.app.rollout.RolloutApplication;
import io.github.jaxrscors.it.resteasy.CorsFilterApplication;
import io.github.jaxrscors.testing.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cors.report-only}: the same application runs without the library's jar, with it and every
 * policy in report-only, and with it and only {@code cors.policy.admin.report-only}, on Jersey and on
 * RESTEasy (and, on RESTEasy, once more with RESTEasy's own {@code CorsFilter}). A request a
 * report-only policy decides gets the answer of the application without the library, byte for byte
 * but the date; what the policy would refuse is logged at WARNING with the reason of the DEBUG line,
 * and every decision is counted.
 */
class ReportOnlyIT {

    private static final Map<String, String> ALL_REPORT_ONLY = Map.of("cors.report-only", "true");
    private static final Map<String, String> ADMIN_REPORT_ONLY = Map.of("cors.policy.admin.report-only", "true");

    /** One runtime's three servers of {@link RolloutApplication}. */
    private record Servers(ForkedJvm without, ForkedJvm reportOnly, ForkedJvm adminReportOnly) {
    }

    private static final Map<ServerRuntime, Servers> servers = new EnumMap<>(ServerRuntime.class);
    private static ForkedJvm corsFilterWithout;
    private static ForkedJvm corsFilterReportOnly;
    private static CorsInspector reportOnlyPolicies;
    private static CorsInspector adminPolicies;

    @BeforeAll
    static void startEveryServer() throws Exception {
        List<ForkedJvm> started = new ArrayList<>();
        for (ServerRuntime runtime : ServerRuntime.values()) {
            Servers three = new Servers(rollout(runtime, Map.of()).withoutLibrary().start(),
                    rollout(runtime, ALL_REPORT_ONLY).start(), rollout(runtime, ADMIN_REPORT_ONLY).start());
            servers.put(runtime, three);
            started.addAll(List.of(three.without(), three.reportOnly(), three.adminReportOnly()));
        }
        corsFilterWithout = logged(ServerRuntime.RESTEASY.serving(CorsFilterApplication.class).configDirectory(CONFIG))
                .withoutLibrary().start();
        corsFilterReportOnly = withProperties(logged(ServerRuntime.RESTEASY.serving(CorsFilterApplication.class)
                .configDirectory(CONFIG)), ALL_REPORT_ONLY).start();
        started.add(corsFilterWithout);
        started.add(corsFilterReportOnly);
        started.forEach(ForkedJvm::awaitListening);
        reportOnlyPolicies = RolloutScenarios.inspector(ALL_REPORT_ONLY);
        adminPolicies = RolloutScenarios.inspector(ADMIN_REPORT_ONLY);
    }

    @AfterAll
    static void stopEveryServer() {
        servers.values().forEach(s -> Stream.of(s.without(), s.reportOnly(), s.adminReportOnly()).forEach(ForkedJvm::close));
        Stream.of(corsFilterWithout, corsFilterReportOnly).filter(s -> s != null).forEach(ForkedJvm::close);
    }

    static ForkedJvm.Spec rollout(ServerRuntime runtime, Map<String, String> properties) {
        return withProperties(logged(runtime.serving(RolloutApplication.class).configDirectory(CONFIG)), properties);
    }

    static ForkedJvm.Spec logged(ForkedJvm.Spec spec) {
        return spec.systemProperty("java.util.logging.config.file",
                Path.of(System.getProperty("it.config.dir"), "logging", "logging.properties").toString());
    }

    private static ForkedJvm.Spec withProperties(ForkedJvm.Spec spec, Map<String, String> properties) {
        properties.forEach(spec::systemProperty);
        return spec;
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(ServerRuntime.values())
                .flatMap(runtime -> RolloutScenarios.all().stream().map(scenario -> Arguments.of(runtime, scenario)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scenarios")
    void everyPolicyInReportOnlyLeavesTheAnswerToTheApplicationAndLogsAndCountsTheDecision(ServerRuntime runtime,
            Scenario scenario) throws Exception {
        Servers three = servers.get(runtime);
        CorsInspector.Answer decided = scenario.askedOf(reportOnlyPolicies);
        Map<String, Long> countsBefore = counts(three.reportOnly());
        ServerLog log = ServerLog.from(three.reportOnly());

        Reply reply = scenario.request().sendTo(three.reportOnly());

        assertThat(comparable(reply)).as("the answer of the application without the library")
                .isEqualTo(comparable(scenario.request().sendTo(three.without())));
        assertDecisionCounted(three.reportOnly(), scenario, decided, countsBefore);
        assertLoggedWhatItWouldRefuse(three.reportOnly(), "api/items", log, scenario, decided);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scenarios")
    void aNamedPolicyInReportOnlyIsObservedWhileTheDefaultPolicyEnforces(ServerRuntime runtime, Scenario scenario)
            throws Exception {
        Servers three = servers.get(runtime);
        CorsInspector.Answer decided = scenario.askedOf(adminPolicies);
        ServerLog log = ServerLog.from(three.adminReportOnly());

        Reply reply = scenario.request().sendTo(three.adminReportOnly());

        if (decided.reportOnly()) {
            assertThat(decided.policy()).isEqualTo("admin");
            assertThat(comparable(reply)).as("the answer of the application without the library")
                    .isEqualTo(comparable(scenario.request().sendTo(three.without())));
            assertLoggedWhatItWouldRefuse(three.adminReportOnly(), "api/admin", log, scenario, decided);
        } else {
            if (decided.status().isPresent()) {
                assertThat(reply.status()).as("the library's own answer").isEqualTo(decided.status().getAsInt());
            }
            // Where the application's hand-written filter adds its own headers, the enforcing library's
            // are not all that is sent: the reason to take one of the two out before enforcing.
            if (!scenario.request().path().startsWith("api/legacy")) {
                decided.headers().forEach((name, values) -> assertThat(elements(reply.all(name))).as(name)
                        .isEqualTo(elements(values)));
            }
            assertThat(log.lines(line -> line.contains(WOULD_REFUSE))).as("an enforced policy logs no would-be refusal").isEmpty();
        }
    }

    /** RESTEasy's {@code CorsFilter} answers alone, as it did before the library came. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("resteasyCorsFilterScenarios")
    void resteasysOwnCorsFilterAnswersAloneBesideAReportOnlyLibrary(Scenario scenario) throws Exception {
        CorsInspector.Answer decided = scenario.askedOf(reportOnlyPolicies);
        ServerLog log = ServerLog.from(corsFilterReportOnly);

        Reply reply = scenario.request().sendTo(corsFilterReportOnly);

        assertThat(comparable(reply)).as("the answer of RESTEasy's CorsFilter without the library")
                .isEqualTo(comparable(scenario.request().sendTo(corsFilterWithout)));
        assertLoggedWhatItWouldRefuse(corsFilterReportOnly, "api/items", log, scenario, decided);
    }

    static Stream<Scenario> resteasyCorsFilterScenarios() {
        return RolloutScenarios.all().stream();
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void theDeploymentNamesItsReportOnlyPoliciesInOneWarning(ServerRuntime runtime) {
        Servers three = servers.get(runtime);
        assertThat(warningsNamingReportOnlyPolicies(three.reportOnly())).containsExactly(REPORT_ONLY_POLICIES + "admin, default, public");
        assertThat(warningsNamingReportOnlyPolicies(three.adminReportOnly())).containsExactly(REPORT_ONLY_POLICIES + "admin");
        assertThat(three.without().output()).doesNotContain("CORS");
    }

    @Test
    void theDeploymentBesideResteasysCorsFilterNamesItsReportOnlyPolicies() {
        assertThat(warningsNamingReportOnlyPolicies(corsFilterReportOnly)).containsExactly(REPORT_ONLY_POLICIES + "admin, default, public");
    }

    /** The warnings, each logged at WARNING while the application started, before it listened. */
    private static List<String> warningsNamingReportOnlyPolicies(ForkedJvm server) {
        List<String> lines = server.output().lines().toList();
        int listening = lines.indexOf(lines.stream().filter(line -> line.startsWith(ForkedMain.LISTENING)).findFirst().orElseThrow());
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(REPORT_ONLY_POLICIES))
                .mapToObj(i -> {
                    assertThat(lines.get(i)).as("logged at WARNING").startsWith("WARNING io.github.jaxrscors: ");
                    assertThat(i).as("logged at startup, before the server listened").isLessThan(listening);
                    return lines.get(i).substring(lines.get(i).indexOf(REPORT_ONLY_POLICIES));
                })
                .toList();
    }

    /**
     * A would-be refusal is logged at WARNING with the reason the DEBUG line gives (the inspector's,
     * which {@code InspectorAgreementIT} holds to the server's); anything else logs none, which a
     * refused request sent after it to {@code sentinelPath}, under a report-only policy, shows: its
     * line comes, and no other one before it.
     */
    static void assertLoggedWhatItWouldRefuse(ForkedJvm server, String sentinelPath, ServerLog log, Scenario scenario,
            CorsInspector.Answer decided) throws InterruptedException {
        if (decided.outcome() == CorsInspector.Outcome.REFUSED) {
            String expected = RolloutScenarios.wouldRefuse(scenario, decided);
            String line = log.await("'" + expected + "…'", l -> l.contains(WOULD_REFUSE));
            assertThat(line).startsWith("WARNING io.github.jaxrscors: " + expected);
        } else {
            String sentinel = "https://sentinel.example";
            Request.of("GET", sentinelPath, "Origin", sentinel).sendTo(server);
            log.await("the sentinel's would-be refusal", l -> l.contains(sentinel));
            assertThat(log.lines(l -> l.contains(WOULD_REFUSE))).as("would-be refusals logged").hasSize(1)
                    .allMatch(l -> l.contains(sentinel));
        }
    }

    /** Decisions about CORS requests are counted under their attributes, with mode {@code report_only}. */
    private static void assertDecisionCounted(ForkedJvm server, Scenario scenario, CorsInspector.Answer decided,
            Map<String, Long> before) {
        Map<String, Long> after = counts(server);
        Map<String, Long> grown = after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.getOrDefault(e.getKey(), 0L)))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)));
        switch (decided.outcome()) {
            case NOT_CORS, IGNORED -> assertThat(grown).as("counted").isEmpty();
            default -> assertThat(grown).as("counted").isEqualTo(Map.of(RolloutScenarios.countedAs(scenario, decided), 1L));
        }
    }

    static Map<String, Long> counts(ForkedJvm server) {
        Reply reply = server.send("GET", "test/state/decision-counts");
        assertThat(reply.status()).isEqualTo(200);
        return reply.body().lines().filter(line -> !line.isBlank()).collect(Collectors.toMap(
                line -> line.substring(0, line.lastIndexOf('=')), line -> Long.parseLong(line.substring(line.lastIndexOf('=') + 1))));
    }

    private static List<String> elements(List<String> lines) {
        return lines.stream().flatMap(v -> Arrays.stream(v.split(","))).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
    }
}
