package io.github.jaxrscors;

import io.github.jaxrscors.CorsConfigException.Problem;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The library's life in one application: it collects the resource classes while the application
 * deploys, builds the first {@link Generation} when the first request needs it, and builds the next
 * ones when the configuration changes. The request path reads the current generation, one volatile
 * read, and nothing else of this class.
 *
 * <p>Settles lazily, because a Jersey application may register {@code new CorsFeature(policy)} after
 * the drop-in feature: the policy given in code wins over configuration.
 *
 * <p>Fails closed: when the configuration or a {@code @Cors} is wrong, or the runtime never reported
 * the application's resources, it throws where the runtime can still refuse to start, logs the cause
 * once at ERROR, and from then on refuses every cross-origin request, for good.
 */
final class Deployment {

    /** Configuration property under which the first {@link CorsFeature} leaves this deployment. */
    static final String PROPERTY = Deployment.class.getName();

    static final String DEFAULT_POLICY_NAME = "default";

    static final String NO_CONFIG_IMPLEMENTATION = "jaxrs-cors reads its policy from MicroProfile Config, "
            + "but no MicroProfile Config implementation is on the classpath. Add one (for example "
            + "io.smallrye.config:smallrye-config), deploy to a MicroProfile server, or register "
            + "new CorsFeature(policy) with a CorsPolicy built in code.";

    static final String NOT_REPORTED = "the Jakarta REST runtime never reported this application's resource "
            + "methods to jaxrs-cors (its DynamicFeature was never called) and the application registers no "
            + "resource class it could read, so the policy of each path is unknown and every cross-origin "
            + "request is refused. On Quarkus with quarkus-rest, keep the jaxrs-cors jar indexed (it ships "
            + "META-INF/jandex.idx; do not exclude it with quarkus.index-dependency); elsewhere register "
            + "new CorsFeature() in the application's Application or ResourceConfig.";

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    private final Supplier<Settings.Source> configuration;
    private CorsPolicy programmaticPolicy;
    private final Set<Class<?>> declaredClasses = new LinkedHashSet<>();
    private final Set<Class<?>> scannedClasses = new HashSet<>();
    private final List<ResourceScanner.ResourceMethod> methods = new ArrayList<>();
    /** Whether the runtime reported a resource method, which a runtime that hides them never does. */
    private boolean reported;

    private boolean settled;
    private boolean enabled;
    private Duration refreshInterval;
    /** What the current generation was read from; null when there is no configuration to read. */
    private Settings settings;
    private ConfigReader.Policies policies;
    /** One compiled policy per distinct policy of the current generation, shared by its routes. */
    private Map<CorsPolicy, CompiledPolicy> compiled = new HashMap<>();
    private final List<Routes.Entry> entries = new ArrayList<>();
    private CorsConfigException failure;
    private RefreshSchedule schedule;
    private boolean closed;

    private volatile Generation generation;

    /**
     * {@code configuration} supplies the application's settings, or throws as MicroProfile Config
     * does without an implementation: {@code IllegalStateException}, or a {@code LinkageError}
     * without even its API.
     */
    Deployment(Supplier<Settings.Source> configuration) {
        this.configuration = configuration;
    }

    /** A default policy given in code: it replaces the configured one. */
    synchronized void offer(CorsPolicy policy) {
        if (programmaticPolicy != null && !programmaticPolicy.equals(policy)) {
            throw new CorsConfigException(List.of(new Problem("CorsFeature", null, "registered twice with different "
                    + "policies (" + programmaticPolicy + " and " + policy + "); register it once")));
        }
        if (settled && programmaticPolicy == null) {
            throw new IllegalStateException("CorsFeature(policy) registered after the application was deployed");
        }
        programmaticPolicy = policy;
    }

    /**
     * The classes the application registered. A dynamic feature is shown only classes that have
     * resource methods; a root resource with nothing but sub-resource locators would go unseen.
     */
    synchronized void declare(Collection<Class<?>> classes) {
        declaredClasses.addAll(classes);
    }

    /**
     * A resource method's class, as the runtime reported it while deploying (null for a resource
     * built in code): its policies are resolved and checked at once, so that a mistake stops the
     * deployment.
     *
     * @throws CorsConfigException every mistake found so far, in this class and the declared ones
     */
    synchronized void addResourceClass(Class<?> resourceClass) {
        reported = true;
        // Jersey also reports the classes behind sub-resource locators, at run time, while serving a
        // request: their paths already have the locator's policy. A resource built in code has no
        // class; its paths have the default policy.
        if (generation != null || resourceClass == null) {
            return;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            settle();
            addDeclaredClasses();
            scan(resourceClass);
        } catch (CorsConfigException e) {
            throw fail(e);
        }
    }

    /**
     * Builds the first generation now, where the runtime says the application starts.
     *
     * @throws CorsConfigException when the deployment failed, so that the runtime refuses to start
     */
    void start() {
        generation();
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** The generation that decides requests now. */
    Generation generation() {
        Generation current = generation;
        return current != null ? current : firstGeneration();
    }

    /**
     * The first generation, once every resource class arrived. A mistake found now cannot stop the
     * deployment any more, so it fails closed rather than throw at the first request.
     */
    private synchronized Generation firstGeneration() {
        if (generation == null) {
            try {
                settle();
                addDeclaredClasses();
                if (enabled && !reported && scannedClasses.isEmpty()) {
                    throw new CorsConfigException(List.of(new Problem("", null, NOT_REPORTED)));
                }
                generation = enabled ? Generation.of(new Routes(defaultRoute(), entries)) : Generation.disabled();
                if (enabled && refreshInterval != null && settings != null && !closed) {
                    schedule = RefreshSchedule.start(this, refreshInterval);
                }
            } catch (CorsConfigException e) {
                fail(e);
            }
        }
        return generation;
    }

    /**
     * Reads the configuration again and, if anything the policies were built from changed, builds
     * and installs the next generation.
     *
     * @return whether a new generation was installed
     * @throws CorsConfigException every problem of the new configuration; the current generation stays
     */
    synchronized boolean reload() {
        Generation current = generation();
        if (failure != null) {
            throw failure;
        }
        if (!current.enabled() || settings == null) {
            return false;
        }
        Settings fresh = settings.reread();
        if (fresh.sameAs(settings)) {
            return false;
        }
        List<Problem> problems = new ArrayList<>();
        try {
            // Read once, yet checked as at deployment, so that no bad value waits for the next start.
            ConfigReader.enabled(fresh);
        } catch (CorsConfigException e) {
            problems.addAll(e.problems());
        }
        ConfigReader.Policies next;
        try {
            next = ConfigReader.read(fresh, programmaticPolicy, usedPolicyNames());
        } catch (CorsConfigException e) {
            problems.addAll(e.problems());
            throw new CorsConfigException(problems);
        }
        Map<CorsPolicy, CompiledPolicy> nextCompiled = new HashMap<>();
        List<Routes.Entry> nextEntries = new ArrayList<>();
        for (ResourceScanner.ResourceMethod method : methods) {
            resolve(method, next, nextCompiled, problems).ifPresent(nextEntries::add);
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems.stream().distinct().toList());
        }
        settings = fresh;
        policies = next;
        compiled = nextCompiled;
        entries.clear();
        entries.addAll(nextEntries);
        generation = Generation.of(new Routes(defaultRoute(), entries));
        return true;
    }

    /**
     * Stops the refresh schedule, if any, and keeps a later first request from starting one: the
     * application is shutting down. Returns once the schedule's thread has ended (five seconds at
     * most, should a source hang); it waits outside the lock, which a refresh under way may need.
     */
    void close() {
        RefreshSchedule stopping;
        synchronized (this) {
            closed = true;
            stopping = schedule;
            schedule = null;
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    /** Every mistake in every declared class is reported together, not one class per restart. */
    private void addDeclaredClasses() {
        List<Class<?>> declared = List.copyOf(declaredClasses);
        declaredClasses.clear();
        List<Problem> problems = new ArrayList<>();
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
        if (!enabled || !ResourceScanner.isRootResource(resourceClass) || !scannedClasses.add(resourceClass)) {
            return;
        }
        List<ResourceScanner.ResourceMethod> found = ResourceScanner.scan(resourceClass);
        List<Problem> problems = new ArrayList<>();
        List<Routes.Entry> resolved = new ArrayList<>();
        for (ResourceScanner.ResourceMethod method : found) {
            resolve(method, policies, compiled, problems).ifPresent(resolved::add);
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems.stream().distinct().toList());
        }
        methods.addAll(found);
        entries.addAll(resolved);
    }

    private static Optional<Routes.Entry> resolve(ResourceScanner.ResourceMethod method, ConfigReader.Policies policies,
            Map<CorsPolicy, CompiledPolicy> compiled, List<Problem> problems) {
        return CorsAnnotations.resolve(method, policies, problems).map(resolution -> new Routes.Entry(
                method.classTemplate(), method.template(), method.httpMethod(), new Route(
                        resolution.policy() == null ? null : compiled.computeIfAbsent(resolution.policy(), CompiledPolicy::new),
                        resolution.policyName(),
                        (method.httpMethod() == null ? "*" : method.httpMethod()) + " /" + method.template())));
    }

    private Route defaultRoute() {
        return new Route(compiled.computeIfAbsent(policies.defaultPolicy(), CompiledPolicy::new), DEFAULT_POLICY_NAME, null);
    }

    private Set<String> usedPolicyNames() {
        Set<String> names = new LinkedHashSet<>();
        methods.forEach(method -> CorsAnnotations.policyName(method).ifPresent(names::add));
        return names;
    }

    private void settle() {
        if (settled) {
            return;
        }
        Settings read;
        try {
            read = new Settings(configuration.get());
        } catch (IllegalStateException | ServiceConfigurationError | LinkageError noConfiguration) {
            // Configuration is optional beside a policy in code; without one, the message names the fix.
            if (programmaticPolicy == null) {
                throw new CorsConfigException(new Problem("", null, NO_CONFIG_IMPLEMENTATION), noConfiguration);
            }
            read = null;
        }
        enabled = read == null || ConfigReader.enabled(read);
        if (enabled) {
            policies = ConfigReader.read(read != null ? read : Settings.of(Map.of()), programmaticPolicy, Set.of());
            refreshInterval = read == null ? null : policies.refreshInterval().orElse(null);
        }
        settings = read;
        settled = true;
    }

    /** Records the failure for good, logs it once, and refuses every cross-origin request from now on. */
    private CorsConfigException fail(CorsConfigException e) {
        if (failure == null) {
            failure = e;
            LOG.log(Level.ERROR, "CORS is unavailable, every cross-origin request will be refused: " + e.getMessage(), e);
            generation = Generation.failClosed();
        }
        return failure;
    }
}
