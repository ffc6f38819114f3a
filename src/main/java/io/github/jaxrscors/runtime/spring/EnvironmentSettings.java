package io.github.jaxrscors.runtime.spring;

import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code cors.*} keys read through Spring's {@code Environment}: {@code application.properties},
 * {@code application.yml}, profiles, command-line arguments, system properties and environment
 * variables, each under Spring's relaxed names. Every read asks the environment again, so a refresh
 * sees a property source that changed, or was added, while the application runs.
 */
final class EnvironmentSettings implements Settings.Source {

    private static final ConfigurationPropertyName CORS = ConfigurationPropertyName.of("cors");
    private static final String POLICY = "policy";
    private static final Bindable<List<String>> LIST = Bindable.listOf(String.class);

    private final ConfigurableEnvironment environment;

    EnvironmentSettings(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /**
     * The key's value as Spring Boot binds it. A key in its canonical form ({@code cors.allowed-origins})
     * is found under every spelling: {@code cors.allowedOrigins}, {@code cors.allowed_origins},
     * {@code CORS_ALLOWED_ORIGINS}. Where no single value is set, Spring's binder reads what only it
     * knows to read: a YAML list (which Spring keeps as {@code cors.allowed-origins[0]}, {@code [1]}, ...)
     * and keys of a policy whose name is not canonical ({@code cors.policy.myPolicy.*}); a list comes
     * back joined with commas, as the library reads lists.
     */
    @Override
    public String value(String key) {
        String value = environment.getProperty(key);
        if (value != null) {
            return value;
        }
        return Binder.get(environment).bind(ConfigurationPropertyName.adapt(key, '.'), LIST)
                .map(values -> String.join(",", values)).orElse(null);
    }

    /**
     * The {@code cors.*} names of every source that can list them, each as the known key it spells
     * ({@code cors.allowedOrigins} as {@code cors.allowed-origins}), so that the check for unknown
     * keys reports only real typos. Environment variables are left out: their names cannot be
     * mapped back to one key ({@code CORS_ALLOWED_ORIGINS} may be {@code cors.allowed.origins}), as
     * MicroProfile Config does not list them under dotted names either; so is the source Spring Boot
     * attaches in front of the others, which repeats them.
     */
    @Override
    public Iterable<String> propertyNames() {
        Set<String> names = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable && !(source instanceof SystemEnvironmentPropertySource)
                    && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                for (String name : enumerable.getPropertyNames()) {
                    String key = key(name);
                    if (key != null) {
                        names.add(key);
                    }
                }
            }
        }
        return names;
    }

    /**
     * The known key that {@code name} spells, as the library reads it; for a name under {@code cors}
     * that spells no known key, the name as written, starting {@code cors.}, for the library to
     * report; null for a name not under {@code cors}.
     */
    static String key(String name) {
        ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
        // A YAML list's entries are the list's key.
        while (adapted.isLastElementIndexed()) {
            adapted = adapted.getParent();
        }
        if (adapted.getNumberOfElements() < 2 || !CORS.isAncestorOf(adapted)) {
            return null;
        }
        for (String candidate : candidates(adapted)) {
            if (ConfigurationPropertyName.adapt(candidate, '.').equals(adapted)) {
                return candidate;
            }
        }
        String written = name;
        while (written.endsWith("]") && written.lastIndexOf('[') > 0) {
            written = written.substring(0, written.lastIndexOf('['));
        }
        return ConfigReader.PREFIX + written.substring(written.indexOf('.') + 1);
    }

    /** The known keys {@code name} may spell: an application key, a key of the default policy, or one of the policy it names. */
    private static List<String> candidates(ConfigurationPropertyName name) {
        List<String> candidates = new ArrayList<>(ConfigReader.APPLICATION_KEYS);
        ConfigReader.POLICY_KEYS.forEach(key -> candidates.add(ConfigReader.PREFIX + key));
        if (name.getNumberOfElements() == 4 && name.getElement(1, ConfigurationPropertyName.Form.UNIFORM).equals(POLICY)) {
            String policy = name.getElement(2, ConfigurationPropertyName.Form.ORIGINAL);
            ConfigReader.POLICY_KEYS.forEach(key -> candidates.add(ConfigReader.POLICY_PREFIX + policy + "." + key));
        }
        return candidates;
    }
}
