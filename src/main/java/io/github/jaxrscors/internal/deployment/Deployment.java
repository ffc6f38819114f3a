package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.CorsAnnotations;
import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.DecisionCounts;
import io.github.jaxrscors.internal.policy.Policy;
import io.github.jaxrscors.internal.routing.ResourceScanner;
import io.github.jaxrscors.internal.routing.ResourceScanner.ResourceMethod;
import io.github.jaxrscors.internal.routing.Route;
import io.github.jaxrscors.internal.routing.RouteTable;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The library's life in one application, as one {@link State}: {@link Collecting} the resource
 * classes while the application deploys; {@link Serving} requests from the first {@link Generation}
 * on, and installing the next one when the configuration changes; {@link Failed} for good when the
 * configuration or a {@code @Cors} is wrong, or the runtime never reported the application's
 * resources; {@link Closed} once the application shut down. The request path reads the current
 * generation, one volatile read, and nothing else of this class.
 *
 * <p>Collecting ends lazily, at the first request or where the runtime says the application starts,
 * because a Jersey application may register {@code new CorsFeature(policy)} after the drop-in
 * feature: the policy given in code wins over configuration.
 *
 * <p>Fails closed: a mistake throws where the runtime can still refuse to start, is logged once at
 * ERROR, and from then on every cross-origin request is refused.
 */
public final class Deployment {

    /** Configuration property under which {@link Installation} leaves the application's deployment. */
    public static final String PROPERTY = Deployment.class.getName();

    public static final String NO_CONFIG_IMPLEMENTATION = "jaxrs-cors reads its policy from MicroProfile Config, "
            + "but no MicroProfile Config implementation is on the classpath. Add one (for example "
            + "io.smallrye.config:smallrye-config), deploy to a MicroProfile server, or register "
            + "new CorsFeature(policy) with a CorsPolicy built in code.";

    static final String NOT_REPORTED = "the Jakarta REST runtime never reported this application's resource "
            + "methods to jaxrs-cors (its DynamicFeature was never called) and the application registers no "
            + "resource class it could read, so the policy of each path is unknown and every cross-origin "
            + "request is refused. ";

    private static final String REGISTER_FEATURE = "new CorsFeature() in the application's Application or ResourceConfig.";

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    /** What one reading of the configuration gave; {@code settings} is null where there is none to read. */
    private record Configuration(Settings settings, boolean enabled, ConfigReader.Policies policies, Duration refreshInterval) {
    }

    /** A policy compiled under one name: the name is the log's and the metrics' {@code cors.policy}. */
    private record Named(Policy policy, String name) {
    }

    private sealed interface State permits Collecting, Serving, Failed, Closed {
    }

    /** The application is deploying: its resource classes arrive; the configuration is read with the first. */
    private static final class Collecting implements State {
        final Set<Class<?>> declared = new LinkedHashSet<>();
        final Set<Class<?>> scanned = new HashSet<>();
        final List<ResourceMethod> methods = new ArrayList<>();
        final List<Route> routes = new ArrayList<>();
        final Map<Named, CompiledPolicy> compiled = new HashMap<>();
        /** Whether the runtime reported a resource method, which a runtime that hides them never does. */
        boolean reported;
        Configuration configuration;
    }

    /** Requests are answered by the current generation; {@code schedule} re-reads the configuration, if set. */
    private record Serving(Configuration configuration, List<ResourceMethod> methods, RefreshSchedule schedule)
            implements State {
    }

    private record Failed(CorsConfigException cause) implements State {
    }

    /** The application shut down: no refresh, and a request that still arrives is refused. */
    private record Closed() implements State {
    }

    private final Supplier<Settings.Source> source;
    private final List<RuntimeSupport> runtimes;
    /** Built in code to answer questions, not serving: no metrics, no refresh, no log but the decisions'. */
    private final boolean offline;
    private Policy programmaticPolicy;
    private State state = new Collecting();
    private volatile Generation generation;
    /** Where decisions are counted; null without a metrics backend or with {@code cors.metrics=false}. */
    private DecisionCounts counts;
    /** {@code cors.metrics}, once read. */
    private boolean metricsOff;
    private final ReportOnlyLog reportOnlyLog = new ReportOnlyLog();
    /** The problems the last {@link #refresh()} logged: the same ones are not logged again at every refresh. */
    private List<Problem> reported = List.of();

    /**
     * {@code source} supplies the application's settings, or throws as MicroProfile Config does
     * without an implementation: {@code IllegalStateException}, or a {@code LinkageError} without
     * even its API. {@code runtimes} are every runtime the library supports, for advice.
     */
    Deployment(Supplier<Settings.Source> source, List<RuntimeSupport> runtimes) {
        this(source, runtimes, false);
    }

    private Deployment(Supplier<Settings.Source> source, List<RuntimeSupport> runtimes, boolean offline) {
        this.source = source;
        this.runtimes = runtimes;
        this.offline = offline;
    }

    /**
     * A deployment of {@code resourceClasses} built in code, as a runtime would build it, to answer
     * questions without a server: it counts nothing, refreshes nothing and logs only decisions.
     *
     * @param policy the default policy given in code, or null to read it from {@code settings}
     * @throws CorsConfigException every mistake, as the deployment would have failed
     */
    public static Deployment offline(Policy policy, Supplier<Settings.Source> settings, Collection<Class<?>> resourceClasses) {
        Deployment deployment = new Deployment(settings, Runtimes.all(), true);
        if (policy != null) {
            deployment.offer(policy);
        }
        deployment.declare(resourceClasses);
        deployment.start();
        return deployment;
    }

    /** A default policy given in code: it replaces the configured one. */
    synchronized void offer(Policy policy) {
        if (programmaticPolicy != null && !programmaticPolicy.equals(policy)) {
            throw new CorsConfigException(List.of(new Problem("CorsFeature", null, "registered twice with different "
                    + "policies (" + programmaticPolicy + " and " + policy + "); register it once")));
        }
        if (!(state instanceof Collecting collecting) || collecting.configuration != null && programmaticPolicy == null) {
            throw new IllegalStateException("CorsFeature(policy) registered after the application was deployed");
        }
        programmaticPolicy = policy;
    }

    /**
     * The classes the application registered. A dynamic feature is shown only classes that have
     * resource methods; a root resource with nothing but sub-resource locators would go unseen.
     */
    synchronized void declare(Collection<Class<?>> classes) {
        if (state instanceof Collecting collecting) {
            collecting.declared.addAll(classes);
        }
    }

    /**
     * A resource method's class, as the runtime reported it while deploying (null for a resource
     * built in code): its policies are resolved and checked at once, so that a mistake stops the
     * deployment.
     *
     * @throws CorsConfigException every mistake found so far, in this class and the declared ones
     */
    synchronized void addResourceClass(Class<?> resourceClass) {
        // Jersey also reports the classes behind sub-resource locators, at run time, while serving a
        // request: their paths already have the locator's policy (or, once failed, none). A resource
        // built in code has no class; its paths have the default policy.
        if (!(state instanceof Collecting collecting)) {
            return;
        }
        collecting.reported = true;
        if (resourceClass == null) {
            return;
        }
        try {
            configure(collecting);
            addDeclaredClasses(collecting);
            scan(collecting, resourceClass);
        } catch (CorsConfigException e) {
            throw fail(e);
        }
    }

    /**
     * Builds the first generation now, where the runtime says the application starts.
     *
     * @throws CorsConfigException when the deployment failed, so that the runtime refuses to start
     */
    public void start() {
        generation();
        synchronized (this) {
            if (state instanceof Failed failed) {
                throw failed.cause();
            }
        }
    }

    /** The generation that decides requests now. */
    public Generation generation() {
        Generation current = generation;
        return current != null ? current : firstGeneration();
    }

    /**
     * The first generation, once every resource class arrived. A mistake found now cannot stop the
     * deployment any more, so it fails closed rather than throw at the first request.
     */
    private synchronized Generation firstGeneration() {
        if (generation == null && state instanceof Collecting collecting) {
            try {
                configure(collecting);
                addDeclaredClasses(collecting);
                Configuration configuration = collecting.configuration;
                if (configuration.enabled() && !collecting.reported && collecting.scanned.isEmpty()) {
                    throw new CorsConfigException(List.of(new Problem("", null, NOT_REPORTED + advice())));
                }
                generation = configuration.enabled()
                        ? generation(configuration, collecting.methods, collecting.routes, compiler(collecting.compiled))
                        : Generation.disabled();
                RefreshSchedule schedule = !offline && configuration.enabled() && configuration.refreshInterval() != null
                        && configuration.settings() != null ? RefreshSchedule.start(this, configuration.refreshInterval()) : null;
                state = new Serving(configuration, List.copyOf(collecting.methods), schedule);
            } catch (CorsConfigException e) {
                fail(e);
            }
        } else if (generation == null) {
            // Closed before it ever served: nothing is answered for an application that is gone.
            generation = Generation.failClosed(counts);
        }
        return generation;
    }

    /** What each runtime that can hide its resources asks of the user, then what everywhere else does. */
    private String advice() {
        List<String> advice = runtimes.stream().map(RuntimeSupport::unreportedResourcesAdvice).filter(Objects::nonNull).toList();
        return advice.isEmpty() ? "Register " + REGISTER_FEATURE
                : String.join("; ", advice) + "; elsewhere register " + REGISTER_FEATURE;
    }

    /**
     * Reads the configuration again and, if anything the policies were built from changed, builds
     * and installs the next generation.
     *
     * @return whether a new generation was installed
     * @throws CorsConfigException every problem of the new configuration; the current generation stays
     */
    public synchronized boolean reload() {
        generation();
        if (state instanceof Failed failed) {
            throw failed.cause();
        }
        if (!(state instanceof Serving serving) || !serving.configuration().enabled() || serving.configuration().settings() == null) {
            return false;
        }
        Settings fresh = serving.configuration().settings().reread();
        if (fresh.sameAs(serving.configuration().settings())) {
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
            next = ConfigReader.read(fresh, programmaticPolicy, usedPolicyNames(serving.methods()));
        } catch (CorsConfigException e) {
            problems.addAll(e.problems());
            throw new CorsConfigException(problems);
        }
        Configuration configuration = new Configuration(fresh, true, next, serving.configuration().refreshInterval());
        BiFunction<Policy, String, CompiledPolicy> compile = compiler(new HashMap<>());
        List<Route> routes = new ArrayList<>();
        for (ResourceMethod method : serving.methods()) {
            CorsAnnotations.route(method, next, compile, problems).ifPresent(routes::add);
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems.stream().distinct().toList());
        }
        state = new Serving(configuration, serving.methods(), serving.schedule());
        generation = generation(configuration, serving.methods(), routes, compile);
        return true;
    }

    /**
     * Reads the configuration again, as {@link #reload()} does, and logs what came of it: a change at
     * INFO; a configuration that is not valid at WARNING, once for as long as its problems stay the
     * same, while the policy in use keeps answering; at INFO once it is valid again. For the refresh
     * schedule, and for a runtime that announces a change of configuration. A deployment that failed
     * stays as it is, without a word: its failure was logged when it failed.
     */
    public synchronized void refresh() {
        if (state instanceof Failed) {
            return;
        }
        try {
            boolean changed = reload();
            if (!reported.isEmpty()) {
                reported = List.of();
                LOG.log(Level.INFO, "CORS configuration is valid again; " + (changed ? "the new policy is active"
                        : "the policy in use is unchanged"));
            } else if (changed) {
                LOG.log(Level.INFO, "CORS configuration changed; the new policy is active");
            }
        } catch (CorsConfigException e) {
            if (!e.problems().equals(reported)) {
                reported = e.problems();
                LOG.log(Level.WARNING, "CORS configuration changed but is not valid; the previous policy stays in use. "
                        + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CORS configuration could not be read again; the previous policy stays in use", e);
        }
    }

    /**
     * Stops the refresh schedule, if any: the application is shutting down. Returns once the
     * schedule's thread has ended (five seconds at most, should a source hang); it waits outside the
     * lock, which a refresh under way may need.
     */
    public void close() {
        RefreshSchedule stopping = null;
        synchronized (this) {
            if (state instanceof Serving serving) {
                stopping = serving.schedule();
            }
            if (!(state instanceof Failed)) {
                state = new Closed();
            }
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    /** Every mistake in every declared class is reported together, not one class per restart. */
    private void addDeclaredClasses(Collecting collecting) {
        List<Class<?>> declared = List.copyOf(collecting.declared);
        collecting.declared.clear();
        List<Problem> problems = new ArrayList<>();
        for (Class<?> resourceClass : declared) {
            try {
                scan(collecting, resourceClass);
            } catch (CorsConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
    }

    private void scan(Collecting collecting, Class<?> resourceClass) {
        if (!collecting.configuration.enabled() || !ResourceScanner.isRootResource(resourceClass)
                || !collecting.scanned.add(resourceClass)) {
            return;
        }
        List<ResourceMethod> found = ResourceScanner.scan(resourceClass);
        List<Problem> problems = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (ResourceMethod method : found) {
            CorsAnnotations.route(method, collecting.configuration.policies(), compiler(collecting.compiled), problems)
                    .ifPresent(routes::add);
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems.stream().distinct().toList());
        }
        collecting.methods.addAll(found);
        collecting.routes.addAll(routes);
    }

    /** Compiles each policy once per name, counting into this deployment's counts. */
    private BiFunction<Policy, String, CompiledPolicy> compiler(Map<Named, CompiledPolicy> compiled) {
        DecisionCounts into = counts;
        return (policy, name) -> compiled.computeIfAbsent(new Named(policy, name), named -> new CompiledPolicy(policy, name, into));
    }

    /**
     * The generation of these routes: the default policy answers the paths no resource method
     * serves, but where a named policy's paths cover them. Logged once it is built.
     */
    private Generation generation(Configuration configuration, List<ResourceMethod> methods, List<Route> routes,
            BiFunction<Policy, String, CompiledPolicy> compile) {
        ConfigReader.Policies policies = configuration.policies();
        Route fallback = Route.fallback(compile.apply(policies.defaultPolicy(), CorsAnnotations.DEFAULT_POLICY_NAME),
                CorsAnnotations.DEFAULT_POLICY_NAME);
        List<RouteTable.PathRoute> pathRoutes = new ArrayList<>();
        policies.paths().forEach((name, patterns) -> policies.named(name).ifPresent(policy -> {
            Route route = Route.fallback(compile.apply(policy, name), name);
            patterns.forEach(pattern -> pathRoutes.add(new RouteTable.PathRoute(pattern, route)));
        }));
        Generation next = Generation.of(new RouteTable(fallback, routes, pathRoutes), routes, policies.explainRefusals(), reportOnlyLog);
        if (!offline) {
            DeploymentLog.generation(routes, fallback, policies, methods, policies.explainRefusals(), generation == null);
        }
        return next;
    }

    private static Set<String> usedPolicyNames(List<ResourceMethod> methods) {
        Set<String> names = new LinkedHashSet<>();
        methods.forEach(method -> CorsAnnotations.policyName(method).ifPresent(names::add));
        return names;
    }

    /** Reads the configuration, once: the first resource class or the first request does. */
    private void configure(Collecting collecting) {
        if (collecting.configuration != null) {
            return;
        }
        Settings settings;
        try {
            settings = new Settings(source.get());
        } catch (IllegalStateException | ServiceConfigurationError | LinkageError noConfiguration) {
            // Configuration is optional beside a policy in code; without one, the message names the fix.
            if (programmaticPolicy == null) {
                throw new CorsConfigException(List.of(new Problem("", null, NO_CONFIG_IMPLEMENTATION)), noConfiguration);
            }
            settings = null;
        }
        boolean enabled = settings == null || ConfigReader.enabled(settings);
        ConfigReader.Policies policies = null;
        Duration refreshInterval = null;
        if (enabled) {
            policies = ConfigReader.read(settings != null ? settings : Settings.of(Map.of()), programmaticPolicy, Set.of());
            refreshInterval = settings == null ? null : policies.refreshInterval().orElse(null);
            // Read once: a backend is bound for the life of the application.
            metricsOff = offline || !policies.metrics();
            counts = metricsOff ? null : MetricsBackends.bind();
        }
        collecting.configuration = new Configuration(settings, enabled, policies, refreshInterval);
    }

    /** Fails for good: logs the cause once, and refuses every cross-origin request from now on. */
    private CorsConfigException fail(CorsConfigException e) {
        if (state instanceof Failed failed) {
            return failed.cause();
        }
        state = new Failed(e);
        if (offline) {
            return e;
        }
        LOG.log(Level.ERROR, "CORS is unavailable, every cross-origin request will be refused: " + e.getMessage(), e);
        if (counts == null && !metricsOff) {
            // The refusals of a failed deployment are counted (reason not_deployed), unless cors.metrics=false was read.
            counts = MetricsBackends.bind();
        }
        generation = Generation.failClosed(counts);
        return e;
    }
}
