package io.github.jaxrscors.runtime.dropwizard;

import io.github.jaxrscors.internal.config.Settings;
import java.util.Map;

/**
 * The {@code cors.*} keys of the service's YAML, as one reading of it gave them. Dropwizard reads its
 * YAML once; with {@code cors.refresh-interval}, each refresh reads it again through
 * {@link CorsBlock#reread}, the way Dropwizard read it at start.
 */
final class YamlSettings implements Settings.Source {

    private final Map<String, String> keys;
    private final CorsBlock block;

    YamlSettings(Map<String, String> keys, CorsBlock block) {
        this.keys = Map.copyOf(keys);
        this.block = block;
    }

    @Override
    public String value(String key) {
        return keys.get(key);
    }

    @Override
    public Iterable<String> propertyNames() {
        return keys.keySet();
    }

    @Override
    public Settings.Source reread() {
        return new YamlSettings(block.reread(), block);
    }
}
