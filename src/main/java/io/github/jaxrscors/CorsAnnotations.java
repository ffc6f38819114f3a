package io.github.jaxrscors;

import io.github.jaxrscors.CorsConfigException.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code @Cors} into the policy of each resource method: the named policy (the method's, else
 * the class's) or the default policy; then every attribute the class-level {@code @Cors} sets; then
 * every attribute the method-level {@code @Cors} sets. Replacement is per attribute, never a union.
 * The values go through the same checks as configuration keys, reported with the annotation's site.
 */
final class CorsAnnotations {

    /** The policy of a resource method: null when {@code @Cors(enabled = false)} leaves it to the application. */
    record Resolution(CorsPolicy policy, String policyName) {
    }

    private CorsAnnotations() {
    }

    /** The names of the policies the method's annotations ask for. */
    static Optional<String> policyName(ResourceScanner.ResourceMethod method) {
        Cors classCors = method.classCors();
        Cors methodCors = method.methodCors();
        String name = methodCors != null && !methodCors.value().isEmpty() ? methodCors.value()
                : classCors != null ? classCors.value() : "";
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /**
     * The effective policy of one resource method, or empty after adding to {@code problems} what is
     * wrong with its annotations.
     */
    static Optional<Resolution> resolve(ResourceScanner.ResourceMethod method, ConfigReader.Policies policies,
            List<Problem> problems) {
        Cors classCors = method.classCors();
        Cors methodCors = method.methodCors();
        if (classCors != null && !classCors.enabled() || methodCors != null && !methodCors.enabled()) {
            return Optional.of(new Resolution(null, Deployment.DEFAULT_POLICY_NAME));
        }
        Optional<String> name = policyName(method);
        CorsPolicy base = policies.defaultPolicy();
        if (name.isPresent()) {
            Optional<CorsPolicy> named = named(name.get(), " on " + method.name(), policies, problems);
            if (named.isEmpty()) {
                return Optional.empty();
            }
            base = named.get();
        }
        String policyName = name.orElse(Deployment.DEFAULT_POLICY_NAME);
        if (classCors == null && methodCors == null) {
            return Optional.of(new Resolution(base, policyName));
        }
        CorsPolicy.Builder builder = base.toBuilder();
        if (classCors != null) {
            apply(classCors, builder, " on class " + method.resourceClass().getName() + " (for " + method.name() + ")", problems);
        }
        if (methodCors != null) {
            apply(methodCors, builder, " on " + method.name(), problems);
        }
        try {
            return Optional.of(new Resolution(builder.build(), policyName));
        } catch (CorsConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    private static Optional<CorsPolicy> named(String name, String where, ConfigReader.Policies policies,
            List<Problem> problems) {
        Optional<CorsPolicy> named;
        try {
            named = policies.named(name);
        } catch (CorsConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
        if (named.isEmpty()) {
            Set<String> known = policies.listedNames();
            problems.add(new Problem("@Cors(\"" + name + "\")" + where, name, "unknown policy '" + name
                    + "'; define it with cors.policy." + name + ".allowed-origins (or another cors.policy." + name
                    + ".* key)" + (known.isEmpty() ? "" : ", or use one of " + known)));
        }
        return named;
    }

    private static void apply(Cors cors, CorsPolicy.Builder builder, String where, List<Problem> problems) {
        if (cors.origins().length > 0) {
            builder.origins(entries(cors.origins()), "@Cors(origins)" + where);
        }
        if (cors.methods().length > 0) {
            builder.methods(entries(cors.methods()), "@Cors(methods)" + where);
        }
        if (cors.headers().length > 0) {
            builder.headers(entries(cors.headers()), "@Cors(headers)" + where);
        }
        if (cors.exposeHeaders().length > 0) {
            builder.exposedHeaders(entries(cors.exposeHeaders()), "@Cors(exposeHeaders)" + where);
        }
        String credentials = "@Cors(allowCredentials)" + where;
        if (!cors.allowCredentials().isEmpty()) {
            ConfigReader.parseBoolean(credentials, cors.allowCredentials(), problems)
                    .ifPresent(v -> builder.allowCredentials(v, credentials));
        }
        String privateNetwork = "@Cors(allowPrivateNetwork)" + where;
        if (!cors.allowPrivateNetwork().isEmpty()) {
            ConfigReader.parseBoolean(privateNetwork, cors.allowPrivateNetwork(), problems)
                    .ifPresent(v -> builder.allowPrivateNetwork(v, privateNetwork));
        }
        // -1 is the annotation's "inherit"; anything lower is a negative max-age, refused as one.
        if (cors.maxAge() != -1) {
            builder.maxAge(cors.maxAge(), "@Cors(maxAge)" + where);
        }
    }

    /** Each array element may itself be a comma-separated list, as in configuration. */
    private static List<String> entries(String[] values) {
        List<String> all = new ArrayList<>();
        Arrays.stream(values).map(ConfigReader::splitList).forEach(all::addAll);
        if (all.isEmpty()) {
            all.add("");
        }
        return all;
    }
}
