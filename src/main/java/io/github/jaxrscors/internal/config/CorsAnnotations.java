package io.github.jaxrscors.internal.config;

import io.github.jaxrscors.Cors;
import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.Policy;
import io.github.jaxrscors.internal.policy.PolicyDraft;
import io.github.jaxrscors.internal.routing.ResourceScanner.ResourceMethod;
import io.github.jaxrscors.internal.routing.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code @Cors} into the policy of each resource method: the named policy (the method's, else
 * the class's) or the default policy; then every attribute the class-level {@code @Cors} sets; then
 * every attribute the method-level {@code @Cors} sets. Replacement is per attribute, never a union.
 * The values go through the same checks as configuration keys, reported with the annotation's site.
 */
public final class CorsAnnotations {

    /** The name of the policy that answers resources without {@code @Cors("name")}. */
    public static final String DEFAULT_POLICY_NAME = "default";

    private CorsAnnotations() {
    }

    /** The name of the policy the method's annotations ask for. */
    public static Optional<String> policyName(ResourceMethod method) {
        Cors classCors = method.classCors();
        Cors methodCors = method.methodCors();
        String name = methodCors != null && !methodCors.value().isEmpty() ? methodCors.value()
                : classCors != null ? classCors.value() : "";
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /**
     * The route of one resource method, with its effective policy compiled by {@code compile}; or
     * empty after adding to {@code problems} what is wrong with its annotations.
     */
    public static Optional<Route> route(ResourceMethod method, ConfigReader.Policies policies,
            Function<Policy, CompiledPolicy> compile, List<Problem> problems) {
        Cors classCors = method.classCors();
        Cors methodCors = method.methodCors();
        String name = policyName(method).orElse(DEFAULT_POLICY_NAME);
        if (classCors != null && !classCors.enabled() || methodCors != null && !methodCors.enabled()) {
            return Optional.of(new Route(method.classTemplate(), method.template(), method.httpMethod(), null, name));
        }
        return policy(method, policies, problems).map(policy -> new Route(method.classTemplate(), method.template(),
                method.httpMethod(), compile.apply(policy), name));
    }

    private static Optional<Policy> policy(ResourceMethod method, ConfigReader.Policies policies, List<Problem> problems) {
        Cors classCors = method.classCors();
        Cors methodCors = method.methodCors();
        Optional<String> name = policyName(method);
        Policy base = policies.defaultPolicy();
        if (name.isPresent()) {
            Optional<Policy> named = named(name.get(), " on " + method.name(), policies, problems);
            if (named.isEmpty()) {
                return Optional.empty();
            }
            base = named.get();
        }
        if (classCors == null && methodCors == null) {
            return Optional.of(base);
        }
        PolicyDraft draft = base.toDraft();
        if (classCors != null) {
            apply(classCors, draft, " on class " + method.resourceClass().getName() + " (for " + method.name() + ")", problems);
        }
        if (methodCors != null) {
            apply(methodCors, draft, " on " + method.name(), problems);
        }
        try {
            return Optional.of(draft.validate());
        } catch (CorsConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    private static Optional<Policy> named(String name, String where, ConfigReader.Policies policies,
            List<Problem> problems) {
        Optional<Policy> named;
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

    private static void apply(Cors cors, PolicyDraft builder, String where, List<Problem> problems) {
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
