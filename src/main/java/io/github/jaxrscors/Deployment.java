package io.github.jaxrscors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;

/**
 * The library's state for one application, shared by its filters: the default policy, the named
 * policies used by {@code @Cors}, and the route of every resource method. Resource classes arrive one
 * by one during deployment, where each one's policies are resolved and validated at once; the
 * routing table is assembled from them when the first request needs it.
 *
 * <p>Settles lazily, because a Jersey application may register {@code new CorsFeature(policy)} after
 * the drop-in feature: the policy given in code wins over configuration.
 */
final class Deployment {

    /** Configuration property under which the first {@link CorsFeature} leaves this deployment. */
    static final String PROPERTY = Deployment.class.getName();

    static final String DEFAULT_POLICY_NAME = "default";

    static final String NO_CONFIG_IMPLEMENTATION = "jaxrs-cors reads its policy from MicroProfile Config, "
            + "but no MicroProfile Config implementation is on the classpath. Add one (for example "
            + "io.smallrye.config:smallrye-config), deploy to a MicroProfile server, or register "
            + "new CorsFeature(policy) with a CorsPolicy built in code.";

    private final Supplier<Config> configSource;
    private CorsPolicy programmaticPolicy;
    private boolean settled;
    private boolean enabled;
    private CorsPolicy defaultPolicy;
    private ConfigReader config;
    private final Map<String, CorsPolicy> namedPolicies = new HashMap<>();
    private final Map<CorsPolicy, CompiledPolicy> compiled = new HashMap<>();
    private final Set<Class<?>> resourceClasses = new HashSet<>();
    /** Classes the application registered, scanned with the first resource class (see {@link #declare}). */
    private final Set<Class<?>> declaredClasses = new LinkedHashSet<>();
    private final List<Routes.Entry> entries = new ArrayList<>();
    private volatile Routes routes;

    Deployment(Supplier<Config> configSource) {
        this.configSource = configSource;
    }

    /** A default policy given in code: it replaces the configured one. */
    synchronized void offer(CorsPolicy policy) {
        if (programmaticPolicy != null && !programmaticPolicy.equals(policy)) {
            throw new CorsConfigException(List.of("CorsFeature: registered twice with different policies ("
                    + programmaticPolicy + " and " + policy + "); register it once"));
        }
        if (settled && programmaticPolicy == null) {
            throw new IllegalStateException("CorsFeature(policy) registered after the application was deployed");
        }
        programmaticPolicy = policy;
    }

    /**
     * The classes the application registered. A dynamic feature is shown only classes that have
     * resource methods; a root resource with nothing but sub-resource locators would go unseen, and
     * requests below its locators would fall back to the default policy.
     */
    synchronized void declare(Collection<Class<?>> classes) {
        declaredClasses.addAll(classes);
    }

    /** Resolves and validates the routes of a resource class; non-root classes are ignored. */
    synchronized void addResourceClass(Class<?> resourceClass) {
        settle();
        addDeclaredClasses();
        scan(resourceClass);
    }

    /** Every mistake in every declared class is reported together, not one class per restart. */
    private void addDeclaredClasses() {
        List<Class<?>> declared = List.copyOf(declaredClasses);
        declaredClasses.clear();
        List<String> problems = new ArrayList<>();
        for (Class<?> resourceClass : declared) {
            try {
                scan(resourceClass);
            } catch (CorsConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
    }

    private void scan(Class<?> resourceClass) {
        if (!enabled || !ResourceScanner.isRootResource(resourceClass) || !resourceClasses.add(resourceClass)) {
            return;
        }
        Set<String> problems = new LinkedHashSet<>();
        List<Routes.Entry> found = new ArrayList<>();
        for (ResourceScanner.ResourceMethod method : ResourceScanner.scan(resourceClass)) {
            Route route = resolve(method, problems);
            if (route != null) {
                found.add(new Routes.Entry(method.classTemplate(), method.template(), method.httpMethod(), route));
            }
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(new ArrayList<>(problems));
        }
        entries.addAll(found);
        routes = null;
    }

    /** The routing table, assembled on first use after the last resource class arrived. */
    Routes routes() {
        Routes current = routes;
        return current != null ? current : assemble();
    }

    private synchronized Routes assemble() {
        if (routes == null) {
            settle();
            addDeclaredClasses();
            routes = enabled
                    ? Routes.of(new Route(compile(defaultPolicy), DEFAULT_POLICY_NAME, null), entries)
                    : Routes.disabled();
        }
        return routes;
    }

    private void settle() {
        if (settled) {
            return;
        }
        if (programmaticPolicy != null) {
            defaultPolicy = programmaticPolicy;
            // Configuration is optional beside a policy in code, but where there is one, its master
            // switch still holds, and a typo in it or a broken named policy must still stop the
            // deployment rather than lie in wait.
            Optional<ConfigReader> reader = optionalConfig();
            enabled = reader.map(ConfigReader::enabled).orElse(true);
            if (enabled) {
                reader.ifPresent(r -> r.checkNamedPolicies(programmaticPolicy));
            }
        } else {
            ConfigReader reader = config();
            enabled = reader.enabled();
            defaultPolicy = enabled ? reader.defaultPolicy() : null;
        }
        settled = true;
    }

    private Optional<ConfigReader> optionalConfig() {
        try {
            return Optional.of(config());
        } catch (CorsConfigException noImplementation) {
            return Optional.empty();
        }
    }

    private ConfigReader config() {
        if (config == null) {
            try {
                config = new ConfigReader(configSource.get());
            } catch (IllegalStateException | ServiceConfigurationError | LinkageError e) {
                throw new CorsConfigException(NO_CONFIG_IMPLEMENTATION, e);
            }
        }
        return config;
    }

    private CompiledPolicy compile(CorsPolicy policy) {
        return compiled.computeIfAbsent(policy, CompiledPolicy::new);
    }

    /** The effective policy of one resource method: named or default, then class, then method {@code @Cors}. */
    private Route resolve(ResourceScanner.ResourceMethod method, Set<String> problems) {
        Cors classCors = method.classCors();
        Cors methodCors = method.methodCors();
        if (classCors != null && !classCors.enabled() || methodCors != null && !methodCors.enabled()) {
            return new Route(null, DEFAULT_POLICY_NAME, null);
        }
        String where = " on " + method.name();
        String name = methodCors != null && !methodCors.value().isEmpty() ? methodCors.value()
                : classCors != null ? classCors.value() : "";
        CorsPolicy base = defaultPolicy;
        if (!name.isEmpty()) {
            Optional<CorsPolicy> named = namedPolicy(name, where, problems);
            if (named.isEmpty()) {
                return null;
            }
            base = named.get();
        }
        String description = (method.httpMethod() == null ? "*" : method.httpMethod()) + " /" + method.template();
        String policyName = name.isEmpty() ? DEFAULT_POLICY_NAME : name;
        if (classCors == null && methodCors == null) {
            return new Route(compile(base), policyName, description);
        }
        CorsPolicy.Builder builder = base.toBuilder();
        if (classCors != null) {
            apply(classCors, builder, " on class " + method.resourceClass().getName() + " (for " + method.name() + ")", problems);
        }
        if (methodCors != null) {
            apply(methodCors, builder, where, problems);
        }
        try {
            return new Route(compile(builder.build()), policyName, description);
        } catch (CorsConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private Optional<CorsPolicy> namedPolicy(String name, String where, Set<String> problems) {
        CorsPolicy cached = namedPolicies.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        ConfigReader reader = config();
        Optional<CorsPolicy> named = ConfigReader.isPolicyName(name) ? reader.namedPolicy(name, defaultPolicy) : Optional.empty();
        if (named.isEmpty()) {
            Set<String> known = reader.policyNamesInConfig();
            problems.add("@Cors(\"" + name + "\")" + where + ": unknown policy '" + name + "'; define it with "
                    + "cors.policy." + name + ".allowed-origins (or another cors.policy." + name + ".* key)"
                    + (known.isEmpty() ? "" : ", or use one of " + known));
            return Optional.empty();
        }
        namedPolicies.put(name, named.get());
        return named;
    }

    private static void apply(Cors cors, CorsPolicy.Builder builder, String where, Set<String> problems) {
        if (cors.origins().length > 0) {
            builder.replaceOrigins(entries(cors.origins()), "@Cors(origins)" + where);
        }
        if (cors.methods().length > 0) {
            builder.replaceMethods(entries(cors.methods()), "@Cors(methods)" + where);
        }
        if (cors.headers().length > 0) {
            builder.replaceHeaders(entries(cors.headers()), "@Cors(headers)" + where);
        }
        if (cors.exposeHeaders().length > 0) {
            builder.replaceExposedHeaders(entries(cors.exposeHeaders()), "@Cors(exposeHeaders)" + where);
        }
        booleanAttribute(cors.allowCredentials(), "@Cors(allowCredentials)" + where, problems)
                .ifPresent(v -> builder.allowCredentials(v, "@Cors(allowCredentials)" + where));
        booleanAttribute(cors.allowPrivateNetwork(), "@Cors(allowPrivateNetwork)" + where, problems)
                .ifPresent(builder::allowPrivateNetwork);
        if (cors.maxAge() < -1) {
            problems.add("@Cors(maxAge)" + where + ": " + cors.maxAge() + " is negative; use 0 to omit "
                    + "Access-Control-Max-Age, or -1 (the default) to inherit");
        } else if (cors.maxAge() >= 0) {
            builder.maxAge(Duration.ofSeconds(cors.maxAge()));
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

    private static Optional<Boolean> booleanAttribute(String value, String where, Set<String> problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Optional.of(Boolean.parseBoolean(v));
        }
        problems.add(where + ": '" + value + "' is not a boolean; write \"true\" or \"false\"");
        return Optional.empty();
    }
}
