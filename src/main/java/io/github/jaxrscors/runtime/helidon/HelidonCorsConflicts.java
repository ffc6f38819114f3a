package io.github.jaxrscors.runtime.helidon;

import io.github.jaxrscors.CorsConfigException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helidon's own CORS support, found in the application's configuration. Helidon 4 reads its CORS
 * policy from the configuration's root node {@code cors}, the one that holds jaxrs-cors's keys: its
 * server feature ({@code server.features.cors}, in every Helidon MP bundle) and
 * {@code helidon-microprofile-cors} both do. Turned on beside jaxrs-cors, Helidon answers preflights
 * before any Jakarta REST filter runs, with a policy of its own that jaxrs-cors's keys do not
 * describe: without {@code cors.allow-origins} it allows every origin. Its keys
 * ({@code cors.paths.0.allow-origins}) are refused as unknown {@code cors.*} keys too, but a user who
 * wrote them for Helidon deserves to hear whose they are and what to write instead.
 */
public final class HelidonCorsConflicts {

    /** The node whose presence creates Helidon's CORS server feature, enabled unless it says otherwise. */
    static final String FEATURE = "server.features.cors";
    static final String FEATURE_ENABLED = FEATURE + ".enabled";

    /**
     * Helidon's names ({@code CrossOriginConfig}) of the settings of one CORS policy, and what
     * jaxrs-cors calls each. Below {@code cors.paths.<n>} every one of them is Helidon's; directly
     * below {@code cors} only those whose names jaxrs-cors does not share.
     */
    private static final Map<String, String> EQUIVALENTS = Map.of(
            "allow-origins", "write cors.allowed-origins",
            "allow-methods", "write cors.allowed-methods",
            "allow-headers", "write cors.allowed-headers",
            "expose-headers", "write cors.exposed-headers",
            "allow-credentials", "write cors.allow-credentials",
            "max-age", "write cors.max-age",
            "path-pattern", "give the resources of that path @Cors(\"<name>\") and write that policy's keys as cors.policy.<name>.*",
            "enabled", "give the resources of that path @Cors(enabled = false)");

    /** A key of one of Helidon's path entries, a list element's index included ({@code .allow-origins.0} in YAML). */
    private static final Pattern PATH_ENTRY = Pattern.compile("cors\\.paths\\.\\d+(?:\\.([a-z-]+)(?:\\.\\d+)*)?");
    /** The top-level keys that are Helidon's alone; {@code cors.enabled}, {@code cors.max-age} and the like are shared. */
    private static final Pattern HELIDON_ONLY = Pattern.compile("cors\\.(allow-origins|allow-methods|allow-headers|expose-headers|path-pattern)(?:\\.\\d+)*");

    private HelidonCorsConflicts() {
    }

    /**
     * The problems Helidon's CORS settings cause beside jaxrs-cors: one for the switch of Helidon's
     * CORS feature when it is on, and one for each of Helidon's CORS keys below {@code cors}, each
     * naming the key, its value, and what to do instead. Keys that both read ({@code cors.enabled},
     * {@code cors.max-age}, {@code cors.allow-credentials}) are jaxrs-cors's and are not reported.
     *
     * @param valueOfKey the configuration's value of a key, or null when the key is not set; asked
     *     for {@code server.features.cors.enabled} even when it is not listed, since a key set only
     *     through an environment variable may not be
     * @param keyNames every key the configuration lists (not only those below {@code cors})
     * @return the problems, the feature's first and then the keys' in key order; empty when Helidon's CORS support is off and none of its keys is set
     */
    public static List<Problem> conflicts(Function<String, String> valueOfKey, Iterable<String> keyNames) {
        Set<String> keys = new TreeSet<>();
        keyNames.forEach(keys::add);
        List<Problem> problems = new ArrayList<>();
        featureSwitch(valueOfKey, keys, problems);
        for (String key : keys) {
            helidonKey(key).ifPresent(fix -> problems.add(new Problem(key, valueOfKey.apply(key),
                    "this is Helidon's CORS configuration, which jaxrs-cors does not read; jaxrs-cors answers CORS in this "
                            + "application: remove the key and " + fix)));
        }
        return problems;
    }

    /**
     * Helidon creates its CORS feature when the node {@code server.features.cors} exists, and enables
     * it unless {@code enabled} reads as false by Helidon's rule (anything but true, 1, yes, y, on).
     */
    private static void featureSwitch(Function<String, String> valueOfKey, Set<String> keys, List<Problem> problems) {
        String enabled = blankToNull(valueOfKey.apply(FEATURE_ENABLED));
        String anyKey = keys.stream().filter(key -> key.equals(FEATURE) || key.startsWith(FEATURE + ".")).findFirst().orElse(null);
        boolean on = enabled != null ? isHelidonTrue(enabled) : anyKey != null;
        if (!on) {
            return;
        }
        String where = enabled != null ? FEATURE_ENABLED : anyKey;
        problems.add(new Problem(where, enabled != null ? enabled : valueOfKey.apply(anyKey),
                "turns on Helidon's CORS feature, which answers preflights before jaxrs-cors and reads the cors.* keys as "
                        + "its own settings (without cors.allow-origins it allows every origin) and adds its headers to "
                        + "jaxrs-cors's answers; jaxrs-cors answers CORS in this application: remove " + FEATURE
                        + " from the configuration, or set " + FEATURE_ENABLED + "=false"));
    }

    private static Optional<String> helidonKey(String key) {
        Matcher entry = PATH_ENTRY.matcher(key);
        if (entry.matches()) {
            String setting = entry.group(1);
            String fix = setting == null ? null : EQUIVALENTS.get(setting);
            return Optional.of(fix != null ? fix
                    : "write the policy with the cors.* keys, or for some resources only with @Cors(\"<name>\") and cors.policy.<name>.*");
        }
        Matcher only = HELIDON_ONLY.matcher(key);
        return only.matches() ? Optional.of(EQUIVALENTS.get(only.group(1))) : Optional.empty();
    }

    private static boolean isHelidonTrue(String value) {
        return Set.of("true", "1", "yes", "y", "on").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
