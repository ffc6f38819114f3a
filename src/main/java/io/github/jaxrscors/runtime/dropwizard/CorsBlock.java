package io.github.jaxrscors.runtime.dropwizard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The {@code cors:} block of a Dropwizard service's YAML, which the application's configuration
 * class does not declare. Dropwizard binds the YAML with {@code FAIL_ON_UNKNOWN_PROPERTIES} and
 * asks the problem handlers of its object mapper first; as one of them, this takes the root's
 * {@code cors} field, after Dropwizard substituted {@code ${VAR}} and applied its {@code -Ddw.*}
 * overrides, and keeps it as {@code cors.*} keys.
 */
final class CorsBlock extends DeserializationProblemHandler {

    static final String FIELD = "cors";

    /** The application's configuration class: a {@code cors} field anywhere below it is not the library's. */
    private final Class<?> root;
    /** The block of the last reading, or null when it had none. */
    private Map<String, String> read;
    /** Reads the configuration again, the way Dropwizard read it at start; null when unknown. */
    private Callable<?> rebuild;
    /** The configuration's path, as the {@code server} command was given it. */
    private String path;

    CorsBlock(Class<?> root) {
        this.root = root;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        if (!FIELD.equals(propertyName) || !isRoot(beanOrClass)) {
            return false;
        }
        Map<String, String> keys = flatten(parser, context.readTree(parser));
        synchronized (this) {
            read = keys;
        }
        return true;
    }

    private boolean isRoot(Object beanOrClass) {
        return beanOrClass instanceof Class<?> type ? root.isAssignableFrom(type) : root.isInstance(beanOrClass);
    }

    /** Whether {@code type} binds a {@code cors} property itself, which Jackson then never reports as unknown. */
    static boolean isDeclaredBy(Class<?> type, ObjectMapper mapper) {
        return mapper.getDeserializationConfig().introspect(mapper.constructType(type)).findProperties().stream()
                .anyMatch(property -> property.getName().equals(FIELD));
    }

    /** The block Dropwizard read last, as {@code cors.*} keys; empty when it had none. */
    synchronized Map<String, String> keys() {
        return read == null ? Map.of() : read;
    }

    /** Whether the last reading had a {@code cors:} block. */
    synchronized boolean seen() {
        return read != null;
    }

    synchronized void rebuildWith(Callable<?> rebuild, String path) {
        this.rebuild = rebuild;
        this.path = path;
    }

    synchronized boolean canReread() {
        return rebuild != null;
    }

    /**
     * Reads the configuration again as Dropwizard read it at start (the same file, source provider,
     * substitution and overrides) and returns its block.
     *
     * @throws CorsConfigException when the configuration cannot be read, or is no longer valid for Dropwizard
     */
    synchronized Map<String, String> reread() {
        read = null;
        try {
            rebuild.call();
        } catch (Exception e) {
            throw new CorsConfigException(List.of(new Problem(path == null ? "" : path, null, "the configuration could not be read again: " + e.getMessage()
                    + "; the policy read before stays in use")), e);
        }
        return keys();
    }

    /**
     * {@code cors: {policy: {admin: {allowed-origins: [a, b]}}}} as
     * {@code cors.policy.admin.allowed-origins=a,b}; a list is joined with commas, as the library
     * reads lists, and a key without a value is not set.
     */
    static Map<String, String> flatten(JsonParser parser, JsonNode block) throws JsonMappingException {
        Map<String, String> keys = new TreeMap<>();
        if (block == null || block.isNull() || block.isMissingNode()) {
            return keys;
        }
        if (!block.isObject()) {
            throw JsonMappingException.from(parser, "cors: must hold keys such as allowed-origins, not a single value or a list");
        }
        flatten(parser, FIELD, block, keys);
        return keys;
    }

    private static void flatten(JsonParser parser, String key, JsonNode node, Map<String, String> keys) throws JsonMappingException {
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                flatten(parser, key + "." + field.getKey(), field.getValue(), keys);
            }
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode value : node) {
                if (value.isContainerNode()) {
                    throw JsonMappingException.from(parser, key + ": a list of values is expected, such as [https://app.example.com]; "
                            + "found an entry that is itself a list or a map");
                }
                if (!value.isNull()) {
                    values.add(value.asText());
                }
            }
            keys.put(key, String.join(",", values));
        } else if (!node.isNull()) {
            keys.put(key, node.asText());
        }
    }
}
