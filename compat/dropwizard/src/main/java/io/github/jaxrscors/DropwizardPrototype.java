package io.github.jaxrscors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PROTOTYPE, not the library: proves in the compatibility matrix what the library's Dropwizard glue
 * ({@code io.github.jaxrscors.runtime.dropwizard}) must do so that a user adds the dependency,
 * {@code bootstrap.addBundle(new CorsBundle())} and a {@code cors:} block in the YAML, with no
 * MicroProfile Config. It lives in the library's package only to reach the package-private
 * {@code CorsFeature(CorsPolicy, Supplier<Settings.Source>)} of today's jar.
 */
public final class DropwizardPrototype {

    private DropwizardPrototype() {
    }

    /**
     * Dropwizard binds the YAML to the application's {@code Configuration} class and refuses a field
     * that class does not declare ("Unrecognized field at: cors"). The bundle adds a Jackson
     * {@code DeserializationProblemHandler} to the bootstrap's {@code ObjectMapper}, which Dropwizard
     * copies (handlers included) for parsing the configuration: it takes the root's {@code cors}
     * field as the library's settings. Dropwizard has substituted {@code ${VAR}} and applied
     * {@code -Ddw.cors...} overrides by then.
     */
    public static final class CorsBundle implements ConfiguredBundle<Configuration> {

        private final Map<String, String> settings = new TreeMap<>();

        @Override
        public void initialize(Bootstrap<?> bootstrap) {
            bootstrap.getObjectMapper().addHandler(new DeserializationProblemHandler() {
                @Override
                public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
                        Object beanOrClass, String propertyName) throws IOException {
                    if (!propertyName.equals("cors") || !(beanOrClass instanceof Configuration)) {
                        return false;
                    }
                    JsonNode cors = context.readTree(parser);
                    synchronized (settings) {
                        settings.clear();
                        flatten("cors", cors, settings);
                    }
                    return true;
                }
            });
        }

        @Override
        public void run(Configuration configuration, Environment environment) {
            Map<String, String> read;
            synchronized (settings) {
                read = Map.copyOf(settings);
            }
            environment.jersey().register(new CorsFeature(null, () -> new Settings.Source() {
                @Override
                public String value(String key) {
                    return read.get(key);
                }

                @Override
                public Iterable<String> propertyNames() {
                    return read.keySet();
                }
            }));
        }
    }

    /** {@code cors: {policy: {admin: {allowed-origins: [a, b]}}}} becomes {@code cors.policy.admin.allowed-origins=a,b}. */
    static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix + "." + field.getKey(), field.getValue(), into));
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.asText()));
            into.put(prefix, String.join(",", values));
        } else if (!node.isNull()) {
            into.put(prefix, node.asText());
        }
    }
}
