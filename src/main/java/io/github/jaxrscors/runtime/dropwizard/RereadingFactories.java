package io.github.jaxrscors.runtime.dropwizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationFactoryFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import jakarta.validation.Validator;
import java.io.IOException;

/**
 * Dropwizard's configuration factories, unchanged but for one thing: they remember how they read
 * the configuration (the factory, the source provider and the path the {@code server} command was
 * given), so that {@link CorsBlock} can read it again the same way for {@code cors.refresh-interval}.
 */
final class RereadingFactories<T> implements ConfigurationFactoryFactory<T> {

    private final ConfigurationFactoryFactory<T> factories;
    private final CorsBlock block;

    RereadingFactories(ConfigurationFactoryFactory<T> factories, CorsBlock block) {
        this.factories = factories;
        this.block = block;
    }

    @Override
    public ConfigurationFactory<T> create(Class<T> klass, Validator validator, ObjectMapper objectMapper, String propertyPrefix) {
        ConfigurationFactory<T> factory = factories.create(klass, validator, objectMapper, propertyPrefix);
        return new ConfigurationFactory<>() {
            @Override
            public T build(ConfigurationSourceProvider provider, String path) throws IOException, ConfigurationException {
                block.rebuildWith(() -> factory.build(provider, path), path);
                return factory.build(provider, path);
            }

            @Override
            public T build() throws IOException, ConfigurationException {
                block.rebuildWith(factory::build, "");
                return factory.build();
            }
        };
    }
}
