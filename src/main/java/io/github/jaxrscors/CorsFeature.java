package io.github.jaxrscors;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Installs CORS handling in a Jakarta REST application.
 *
 * <p>With the jar on the classpath it installs itself (Jersey through its auto-discovery, RESTEasy
 * through {@code META-INF/services/jakarta.ws.rs.ext.Providers}) reading {@code cors.*} from
 * MicroProfile Config; register it by hand only to give a policy in code. Registering it more than
 * once installs it once, and a policy given in code wins over configuration.
 */
public final class CorsFeature implements Feature {

    private final CorsPolicy policy;
    private final Supplier<Settings.Source> configuration;

    /**
     * Reads the policy from MicroProfile Config ({@code cors.*}) when the application deploys;
     * {@code cors.enabled=false} turns CORS handling off.
     */
    public CorsFeature() {
        this(null, MicroProfileSettings::current);
    }

    /**
     * Uses {@code policy} as the default policy. Configuration is read, where there is one, only for
     * the named policies that {@code @Cors("name")} asks for, which inherit from {@code policy}, and
     * for {@code cors.enabled}; no MicroProfile Config is needed on the classpath.
     *
     * @param policy the default policy of every resource without {@code @Cors}
     */
    public CorsFeature(CorsPolicy policy) {
        this(Objects.requireNonNull(policy, "policy"), MicroProfileSettings::current);
    }

    CorsFeature(CorsPolicy policy, Supplier<Settings.Source> configuration) {
        this.policy = policy;
        this.configuration = configuration;
    }

    /**
     * Reads the {@code cors.*} configuration of the application now, rather than at the next
     * {@code cors.refresh-interval}: if anything changed, the new policies are checked exactly as at
     * deployment and, when valid, answer every request from then on. Call it from the application,
     * with the {@code Configuration} Jakarta REST injects ({@code @Context Configuration}), when it
     * learns of a change itself: from an admin endpoint or a database listener.
     *
     * @param configuration the application's configuration, as Jakarta REST injects it
     * @return whether new policies were installed; {@code false} when nothing changed, when CORS
     *     handling is off, or when there is no configuration to read
     * @throws CorsConfigException every problem of the new configuration; the policies in use stay
     * @throws IllegalStateException when CORS handling is not installed in that application
     */
    public static boolean reload(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        if (!(configuration.getProperty(Deployment.PROPERTY) instanceof Deployment deployment)) {
            throw new IllegalStateException("CORS handling is not installed in this application: put the jaxrs-cors "
                    + "jar on its classpath, or register CorsFeature");
        }
        return deployment.reload();
    }

    @Override
    public boolean configure(FeatureContext context) {
        if (context.getConfiguration().getProperty(Deployment.PROPERTY) instanceof Deployment installed) {
            if (policy != null) {
                installed.offer(policy);
            }
            return true;
        }
        Deployment deployment = new Deployment(configuration);
        if (policy != null) {
            deployment.offer(policy);
        }
        Configuration configuration = context.getConfiguration();
        List<Class<?>> registered = new ArrayList<>(configuration.getClasses());
        configuration.getInstances().forEach(instance -> registered.add(instance.getClass()));
        deployment.declare(registered);
        context.property(Deployment.PROPERTY, deployment);
        context.register(new CorsRequestFilter(deployment));
        context.register(new CorsResponseFilter());
        context.register(new CorsDynamicFeature(deployment));
        // Only Jersey may load Jersey's types: the check keeps other runtimes from resolving the class.
        if (RuntimeDelegate.getInstance().getClass().getName().startsWith("org.glassfish.jersey.")) {
            context.register(JerseyLifecycle.of(deployment));
        }
        Object quarkus = QuarkusFailureHeaders.forRuntime();
        if (quarkus != null) {
            context.register(quarkus);
        }
        return true;
    }

    /**
     * Not for application code: the drop-in registration that RESTEasy reads from
     * {@code META-INF/services/jakarta.ws.rs.ext.Providers} and Jersey's auto-discovery registers.
     * Installs {@code new CorsFeature()} unless the application installs a {@code CorsFeature} of its own.
     *
     * <p>It is not {@code CorsFeature} itself because Jersey and RESTEasy keep the first registration
     * of a provider class and drop later ones with at most a warning: an application's
     * {@code new CorsFeature(policy)} (in Jersey, one registered inside another feature) would be
     * ignored, the configured policy applied instead, and without a MicroProfile Config
     * implementation the deployment would fail. It is public because RESTEasy instantiates providers
     * only through public constructors of public classes.
     */
    @ConstrainedTo(RuntimeType.SERVER)
    public static final class DropIn implements Feature {

        /** Called by RESTEasy. */
        public DropIn() {
        }

        @Override
        public boolean configure(FeatureContext context) {
            return new CorsFeature().configure(context);
        }
    }

    /*
     * Entry points that other runtimes instantiate by name, public for that reason alone: they are
     * not for application code.
     */

    /**
     * Not for application code: the drop-in for runtimes that install only the {@code @Provider}
     * classes they find by scanning. Quarkus REST is one: it reads neither Jersey's auto-discovery nor
     * {@code META-INF/services/jakarta.ws.rs.ext.Providers}, only the {@code @Provider} classes in its
     * Jandex index (the jar ships {@code META-INF/jandex.idx} for that). A server that scans the
     * application's libraries as well (WildFly, Payara) finds it beside {@link DropIn}; whichever runs
     * second meets the installed feature and adds nothing. It is not {@link DropIn} annotated,
     * because RESTEasy warns about a provider class registered twice.
     */
    @Provider
    @ConstrainedTo(RuntimeType.SERVER)
    public static final class ScannedDropIn implements Feature {

        /** Called by the runtime. */
        public ScannedDropIn() {
        }

        @Override
        public boolean configure(FeatureContext context) {
            return new CorsFeature().configure(context);
        }
    }

    /**
     * Not for application code: shows the installed feature every resource method on runtimes that
     * call only the dynamic features they found as {@code @Provider} classes. Quarkus REST drops a
     * dynamic feature registered from a feature; without this class every {@code @Cors} would go
     * unseen there, and the library would refuse to answer for resources it never learned. The
     * deployment is found in the configuration the features share; a class seen twice is scanned once.
     */
    @Provider
    @ConstrainedTo(RuntimeType.SERVER)
    public static final class ScannedResources implements DynamicFeature {

        /** Called by the runtime. */
        public ScannedResources() {
        }

        @Override
        public void configure(ResourceInfo resourceInfo, FeatureContext context) {
            if (context.getConfiguration().getProperty(Deployment.PROPERTY) instanceof Deployment deployment) {
                deployment.addResourceClass(resourceInfo.getResourceClass());
            }
        }
    }

    /**
     * Not for application code: Apache CXF creates one for every bus, because the jar names it in
     * {@code META-INF/cxf/bus-extensions.txt}; only CXF loads it.
     */
    public static final class CxfBusExtension {

        /**
         * Called by CXF.
         *
         * @param bus the bus whose server endpoints get CORS handling
         */
        public CxfBusExtension(org.apache.cxf.Bus bus) {
            CxfInstallation.onBus(bus);
        }
    }

    /**
     * Not for application code: Undertow reads it from
     * {@code META-INF/services/io.undertow.servlet.ServletExtension} for every servlet deployment,
     * and it stops the refresh schedules of the RESTEasy applications in a deployment when Undertow
     * stops it. RESTEasy calls none of an application's providers when the application stops; the
     * servlet container ends the application by destroying the servlet context. Only Undertow loads it.
     */
    public static final class UndertowLifecycle implements io.undertow.servlet.ServletExtension {

        /** Called by Undertow. */
        public UndertowLifecycle() {
        }

        @Override
        public void handleDeployment(io.undertow.servlet.api.DeploymentInfo deployment, jakarta.servlet.ServletContext context) {
            deployment.addListener(new io.undertow.servlet.api.ListenerInfo(ServletContextEnd.class,
                    new io.undertow.servlet.util.ImmediateInstanceFactory<>(new ServletContextEnd())));
        }
    }
}
