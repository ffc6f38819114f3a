package io.github.jaxrscors.compat.dropwizard;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.github.jaxrscors.compat.app.Resources;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.util.EnumSet;
import org.eclipse.jetty.servlets.CrossOriginFilter;

/**
 * The application as a Dropwizard service: {@code Main server config.yml}, with the library's
 * {@code CorsBundle} and the {@code cors:} block in its YAML. Its YAML may use {@code ${VAR}}
 * (Dropwizard's {@code SubstitutingSourceProvider}, as its documentation shows).
 * {@code -Dcompat.jetty-cross-origin-filter=true} registers Jetty's {@code CrossOriginFilter} as well.
 * Started without the library's jar, for the same service without CORS, it leaves the bundle out.
 */
public final class Main extends Application<Configuration> {

    /** An origin that the CrossOriginFilter of the application allows, and the library does not. */
    static final String JETTY_ONLY_ORIGIN = "https://jetty.example.org";

    public static void main(String[] args) throws Exception {
        new Main().run(args);
    }

    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)));
        if (Main.class.getClassLoader().getResource("io/github/jaxrscors/runtime/dropwizard/CorsBundle.class") != null) {
            WithCors.addTo(bootstrap);
        }
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        Resources.CLASSES.forEach(environment.jersey()::register);
        if (Boolean.getBoolean("compat.jetty-cross-origin-filter")) {
            FilterRegistration.Dynamic filter = environment.servlets().addFilter("jetty-cross-origin", CrossOriginFilter.class);
            filter.setInitParameter(CrossOriginFilter.ALLOWED_ORIGINS_PARAM, "https://app.example.com," + JETTY_ONLY_ORIGIN);
            filter.setInitParameter(CrossOriginFilter.ALLOWED_METHODS_PARAM, "GET,HEAD,POST,PUT");
            filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
        }
        environment.lifecycle().addServerLifecycleListener(server -> System.out.println("started http://127.0.0.1:" + getLocalPort(server) + "/"));
    }

    private static int getLocalPort(org.eclipse.jetty.server.Server server) {
        return ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
