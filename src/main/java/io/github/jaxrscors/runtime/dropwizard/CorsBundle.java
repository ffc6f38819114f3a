package io.github.jaxrscors.runtime.dropwizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.deployment.Installation;
import jakarta.ws.rs.Priorities;
import java.util.List;

/**
 * CORS for a Dropwizard 4 service, configured in its YAML. Add the bundle in
 * {@code initialize}, after any call that replaces the bootstrap's object mapper or configuration
 * factory:
 *
 * <pre>{@code
 * @Override
 * public void initialize(Bootstrap<MyConfiguration> bootstrap) {
 *     bootstrap.addBundle(new CorsBundle());
 * }
 * }</pre>
 *
 * and write the {@code cors.*} keys as a {@code cors:} block of the service's YAML, beside
 * {@code server:}; the configuration class does not declare it. Lists are YAML lists or
 * comma-separated values; {@code ${VAR}} works where the application reads its YAML through
 * Dropwizard's {@code SubstitutingSourceProvider}, and {@code -Ddw.cors.allowed-origins=...}
 * overrides a key as it overrides any other. No MicroProfile Config is read.
 *
 * <pre>{@code
 * cors:
 *   allowed-origins: [https://app.example.com]
 *   allowed-methods: [PUT, DELETE]
 *   policy:
 *     partners:
 *       allowed-origins: ${PARTNER_ORIGINS}
 * }</pre>
 *
 * <p>With {@code cors.refresh-interval}, the bundle reads the configuration again at that interval,
 * the way Dropwizard read it at start (the same file, source provider, substitution and overrides;
 * the whole file must still be valid for Dropwizard), and the library applies a changed
 * {@code cors:} block without a restart; nothing else of the configuration changes.
 *
 * <p>The service does not start when the {@code cors:} block is wrong, when the application's
 * configuration class declares a {@code cors} property of its own (the bundle could not see the
 * block), or when Jetty's {@code CrossOriginFilter} is registered in the application's context
 * (unless {@code enabled: false}, which leaves CORS to it).
 */
public final class CorsBundle implements ConfiguredBundle<Configuration> {

    /** Ahead of features at the default priority: the application's own {@code CorsFeature} joins this installation. */
    private static final int FEATURE_PRIORITY = Priorities.AUTHENTICATION;

    private CorsBlock block;
    private Class<?> configurationClass;
    private ObjectMapper objectMapper;

    /** A bundle that reads the {@code cors:} block of the service's YAML. */
    public CorsBundle() {
    }

    /**
     * Lets Dropwizard's object mapper hand the {@code cors:} block to the bundle, and remembers how
     * Dropwizard reads the configuration, for {@code cors.refresh-interval}.
     *
     * @param bootstrap the service's bootstrap
     */
    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        configurationClass = bootstrap.getApplication().getConfigurationClass();
        objectMapper = bootstrap.getObjectMapper();
        block = new CorsBlock(configurationClass);
        // Dropwizard binds the YAML with a copy of this mapper, which keeps its problem handlers.
        objectMapper.addHandler(block);
        rereading(bootstrap);
    }

    private <T extends Configuration> void rereading(Bootstrap<T> bootstrap) {
        bootstrap.setConfigurationFactoryFactory(new RereadingFactories<>(bootstrap.getConfigurationFactoryFactory(), block));
    }

    /**
     * Installs the library in the service's Jersey application, with the {@code cors:} block that
     * Dropwizard read.
     *
     * @param configuration the service's configuration
     * @param environment the service's environment
     * @throws CorsConfigException when the configuration class declares a {@code cors} property of
     *     its own, or when {@code cors.refresh-interval} is set but the configuration cannot be read again
     */
    @Override
    public void run(Configuration configuration, Environment environment) {
        checkNoCorsProperty();
        YamlSettings settings = new YamlSettings(block.keys(), block);
        checkRefreshable(settings);
        Installation installation = new Installation(null, () -> settings);
        environment.jersey().getResourceConfig().register(installation, FEATURE_PRIORITY);
        environment.jersey().register(new CrossOriginFilterCheck(installation));
    }

    /** A {@code cors} property of the configuration class takes the block, and the handler never sees it. */
    private void checkNoCorsProperty() {
        if (CorsBlock.isDeclaredBy(configurationClass, objectMapper)) {
            throw new CorsConfigException(List.of(new Problem(CorsBlock.FIELD, null, configurationClass.getName()
                    + " declares a cors property of its own, so CorsBundle cannot read the cors: block of the YAML; "
                    + "rename that property")));
        }
    }

    /** Without a way to read the configuration again, a refresh interval would silently never refresh. */
    private void checkRefreshable(YamlSettings settings) {
        String interval = settings.value(ConfigReader.REFRESH_INTERVAL);
        if (interval != null && !block.canReread()) {
            throw new CorsConfigException(List.of(new Problem(ConfigReader.REFRESH_INTERVAL, interval, "CorsBundle cannot read the "
                    + "configuration again: the application replaced the bootstrap's ConfigurationFactoryFactory after adding the "
                    + "bundle; add the bundle after that call, or remove the key")));
        }
    }
}
