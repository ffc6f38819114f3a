package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.policy.Policy;
import io.github.jaxrscors.internal.routing.PathPattern;
import io.github.jaxrscors.internal.routing.ResourceScanner.ResourceMethod;
import io.github.jaxrscors.internal.routing.Route;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each generation tells the operator: one INFO line at deployment (resource methods, policies
 * in use, report-only policies), the whole route table at DEBUG, and a WARNING for each setting that
 * deserves attention in production: report-only policies, {@code cors.explain-refusals}, and a
 * path pattern that no resource method is at (a typo catcher).
 */
final class DeploymentLog {

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    private DeploymentLog() {
    }

    /** {@code first}: the deployment's first generation, whose summary is logged at INFO; a reload's at DEBUG. */
    static void generation(List<Route> routes, Route fallback, ConfigReader.Policies policies, List<ResourceMethod> methods,
            boolean explainRefusals, boolean first) {
        Map<String, Integer> inUse = new TreeMap<>();
        List<String> reportOnly = new ArrayList<>();
        int handled = 0;
        for (Route route : routes) {
            if (route.enabled()) {
                handled++;
                inUse.merge(route.policyName(), 1, Integer::sum);
                if (route.policy().reportOnly() && !reportOnly.contains(route.policyName())) {
                    reportOnly.add(route.policyName());
                }
            }
        }
        if (fallback.policy().reportOnly() && !reportOnly.contains(fallback.policyName())) {
            reportOnly.add(fallback.policyName());
        }
        policies.paths().keySet().forEach(name -> policies.named(name)
                .filter(Policy::reportOnly).filter(p -> !reportOnly.contains(name)).ifPresent(p -> reportOnly.add(name)));
        reportOnly.sort(null);
        int decided = handled;
        LOG.log(first ? Level.INFO : Level.DEBUG, () -> "CORS: " + routes.size() + " resource methods, " + decided + " decided by the library"
                + (inUse.isEmpty() ? "" : " with policies " + inUse.toString().replace("=", ": ").replaceAll("[{}]", ""))
                + "; report-only: " + (reportOnly.isEmpty() ? "none" : String.join(", ", reportOnly)));
        if (LOG.isLoggable(Level.DEBUG)) {
            StringBuilder table = new StringBuilder("CORS route table:");
            for (Route route : routes) {
                table.append("\n  ").append(route.description()).append(" -> ")
                        .append(route.enabled() ? describe(route) : "left to the application (@Cors(enabled = false))");
            }
            table.append("\n  any other path -> ").append(describe(fallback));
            LOG.log(Level.DEBUG, table.toString());
        }
        if (!reportOnly.isEmpty()) {
            LOG.log(Level.WARNING, "CORS policies in report-only mode, deciding, logging and counting requests but never "
                    + "refusing or answering them: " + String.join(", ", reportOnly));
        }
        if (explainRefusals) {
            LOG.log(Level.WARNING, "cors.explain-refusals is on: every refused request carries the reason in a Cors-Refusal "
                    + "header that any client can read; turn it off outside development");
        }
        policies.paths().forEach((name, patterns) -> {
            for (PathPattern pattern : patterns) {
                if (methods.stream().noneMatch(method -> pattern.covers(method.template()))) {
                    LOG.log(Level.WARNING, "cors.policy." + name + ".paths: '" + pattern + "' is the path of no resource "
                            + "method; it answers only preflights to paths nothing serves (a typo?)");
                }
            }
        });
    }

    /** A route's policy as the route table shows it. */
    static String describe(Route route) {
        Policy p = route.policy().policy();
        return "policy '" + route.policyName() + "'" + (p.reportOnly() ? " (report-only)" : "")
                + ": origins " + (p.anyOrigin() ? "*" : p.origins().isEmpty() ? "none" : String.join(", ", p.origins()))
                + (p.originPredicates().isEmpty() ? "" : " + " + p.originPredicates().size() + " predicate(s)")
                + "; methods " + String.join(", ", p.methods()) + (p.anyMethod() ? ", *" : "")
                + "; headers " + (p.headers().isEmpty() && p.headerPrefixes().isEmpty() && !p.anyHeader() ? "none"
                        : String.join(", ", p.headers()) + (p.headerPrefixes().isEmpty() ? "" : " " + p.headerPrefixes() + "*")
                        + (p.anyHeader() ? " *" : ""))
                + "; credentials " + p.allowCredentials() + "; max-age " + p.maxAge().getSeconds() + "s";
    }
}
