package io.github.jaxrscors.internal.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code cors.*} settings of the application's configuration, read key by key and remembered:
 * exactly what a generation of policies was built from, so that a later read can tell whether any
 * of it changed.
 */
public final class Settings {

    /** Where settings come from: MicroProfile Config, or a map in tests. */
    public interface Source {

        /** The value of the key, or null when it is not set (an empty value counts as not set). */
        String value(String key);

        /** The keys the source lists; keys defined only through environment variables may be missing. */
        Iterable<String> propertyNames();

        /**
         * The source to ask when the settings are read again ({@link Settings#reread()}): this one
         * where every answer comes from the live configuration (the default); a source read anew
         * where this one holds a copy, such as the values of a configuration file parsed once.
         */
        default Source reread() {
            return this;
        }
    }

    private final Source source;
    private final Map<String, String> read = new HashMap<>();
    /** The listed keys under each prefix asked for. */
    private final Map<String, Set<String>> listed = new HashMap<>();

    public Settings(Source source) {
        this.source = Objects.requireNonNull(source);
    }

    /** The value of {@code key}, or null; the first read is remembered. */
    public String get(String key) {
        if (read.containsKey(key)) {
            return read.get(key);
        }
        String value = source.value(key);
        if (value != null && value.isEmpty()) {
            value = null;
        }
        read.put(key, value);
        return value;
    }

    /** The listed keys starting with {@code cors.}, in order. */
    public Set<String> corsKeys() {
        return keys(ConfigReader.PREFIX);
    }

    /** The listed keys starting with {@code prefix}, in order; the first listing is remembered. */
    public Set<String> keys(String prefix) {
        return listed.computeIfAbsent(prefix, p -> {
            Set<String> found = new TreeSet<>();
            for (String name : source.propertyNames()) {
                if (name.startsWith(p)) {
                    found.add(name);
                }
            }
            return found;
        });
    }

    /**
     * Reads the same keys again from the same source. The result is {@link #sameAs} this one when
     * nothing this one was read from has changed.
     */
    public Settings reread() {
        Settings fresh = new Settings(source.reread());
        read.keySet().forEach(fresh::get);
        listed.keySet().forEach(fresh::keys);
        return fresh;
    }

    public boolean sameAs(Settings other) {
        return read.equals(other.read) && listed.equals(other.listed);
    }

    /** Settings from a fixed map, for policies that must not see the environment. */
    public static Settings of(Map<String, String> values) {
        return new Settings(sourceOf(values));
    }

    /** A source of fixed values. */
    public static Source sourceOf(Map<String, String> values) {
        return new Source() {
            @Override
            public String value(String key) {
                return values.get(key);
            }

            @Override
            public Collection<String> propertyNames() {
                return values.keySet();
            }
        };
    }
}
