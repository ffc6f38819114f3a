package io.github.jaxrscors.internal.config;

import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings read through MicroProfile Config. Loaded only when configuration is read (by a feature
 * that reads it, or by {@code CorsPolicy.fromConfig}), so that a policy given in code needs no
 * MicroProfile Config on the classpath at all.
 */
public final class MicroProfileSettings implements Settings.Source {

    private final Config config;

    private MicroProfileSettings(Config config) {
        this.config = config;
    }

    public static Settings.Source of(Config config) {
        return new MicroProfileSettings(config);
    }

    /**
     * The application's configuration: the one MicroProfile Config resolves for the thread's
     * context class loader, which is the application's while it deploys. Throws what MicroProfile
     * Config throws without an implementation ({@code IllegalStateException}), or the JVM without
     * even the API ({@code NoClassDefFoundError}).
     */
    public static Settings.Source current() {
        return new MicroProfileSettings(ConfigProvider.getConfig());
    }

    @Override
    public String value(String key) {
        return config.getOptionalValue(key, String.class).orElse(null);
    }

    /**
     * The names the configuration lists, and the names its sources list now: SmallRye keeps the list
     * it made the first time it was asked, so a key added later to a source that changes (a typo
     * among them) would otherwise go unseen by a reload.
     */
    @Override
    public Iterable<String> propertyNames() {
        Set<String> names = new LinkedHashSet<>();
        config.getPropertyNames().forEach(names::add);
        for (ConfigSource source : config.getConfigSources()) {
            names.addAll(source.getPropertyNames());
        }
        return names;
    }
}
