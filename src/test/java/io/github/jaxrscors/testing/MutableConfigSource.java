package io.github.jaxrscors.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A configuration source whose values change while the application runs, as one backed by a
 * database or an admin console would; it counts the reads of one key, so that a test can tell that
 * a refresh has run without sleeping for it.
 */
public final class MutableConfigSource implements ConfigSource {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final String countedKey;

    public MutableConfigSource(Map<String, String> initial, String countedKey) {
        values.putAll(initial);
        this.countedKey = countedKey;
    }

    /** A SmallRye configuration with this source alone. */
    public Config config() {
        return new SmallRyeConfigBuilder().withSources(this).build();
    }

    public void set(String key, String value) {
        values.put(key, value);
    }

    public void setAll(Map<String, String> changes) {
        values.putAll(changes);
    }

    public void remove(String key) {
        values.remove(key);
    }

    /** How often the counted key has been read so far. */
    public long reads() {
        return reads.get();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public String getValue(String propertyName) {
        if (propertyName.equals(countedKey)) {
            reads.incrementAndGet();
        }
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "mutable";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
