package io.github.jaxrscors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the {@code cors.*} keys of MicroProfile Config into policies. Values are read as strings
 * and parsed here, so that {@code yes} or {@code 1} is refused as a boolean (the built-in converters
 * would accept them) and every problem is reported with its key.
 */
final class ConfigReader {

    static final String PREFIX = "cors.";
    static final String ENABLED = "cors.enabled";
    static final String POLICY_PREFIX = "cors.policy.";

    static final String ALLOWED_ORIGINS = "allowed-origins";
    static final String ALLOWED_METHODS = "allowed-methods";
    static final String ALLOWED_HEADERS = "allowed-headers";
    static final String EXPOSED_HEADERS = "exposed-headers";
    static final String ALLOW_CREDENTIALS = "allow-credentials";
    static final String MAX_AGE = "max-age";
    static final String ALLOW_SAME_ORIGIN = "allow-same-origin";
    static final String TRUST_FORWARDED_HEADERS = "trust-forwarded-headers";
    static final String ALLOW_PRIVATE_NETWORK = "allow-private-network";
    static final String REJECT_DISALLOWED = "reject-disallowed";
    static final String PREFLIGHT_STATUS = "preflight-status";

    /** The keys a policy has, default or named. */
    static final List<String> POLICY_KEYS = List.of(ALLOWED_ORIGINS, ALLOWED_METHODS, ALLOWED_HEADERS,
            EXPOSED_HEADERS, ALLOW_CREDENTIALS, MAX_AGE, ALLOW_SAME_ORIGIN, TRUST_FORWARDED_HEADERS,
            ALLOW_PRIVATE_NETWORK, REJECT_DISALLOWED, PREFLIGHT_STATUS);

    private final Config config;

    ConfigReader(Config config) {
        this.config = config;
    }

    /** {@code cors.enabled}, refusing anything but true or false. */
    boolean enabled() {
        List<String> problems = new ArrayList<>();
        boolean enabled = readBoolean(ENABLED, problems).orElse(true);
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
        return enabled;
    }

    /** The default policy, after checking every {@code cors.*} key and every named policy in the config. */
    CorsPolicy defaultPolicy() {
        List<String> problems = new ArrayList<>();
        checkKeys(problems);
        CorsPolicy.Builder builder = apply(CorsPolicy.builder(), PREFIX, problems);
        CorsPolicy policy = build(builder.copy(), problems);
        checkNamedPolicies(builder, problems);
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
        return policy;
    }

    /**
     * Checks every {@code cors.*} key and every named policy over a default policy given in code
     * (the {@code cors.*} policy keys themselves are then unused).
     */
    void checkNamedPolicies(CorsPolicy programmaticDefault) {
        List<String> problems = new ArrayList<>();
        checkKeys(problems);
        checkNamedPolicies(programmaticDefault.toBuilder(), problems);
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
    }

    private void checkNamedPolicies(CorsPolicy.Builder base, List<String> problems) {
        for (String name : policyNamesInConfig()) {
            build(apply(base.copy(), POLICY_PREFIX + name + ".", problems), problems);
        }
    }

    /**
     * The named policy: the keys {@code cors.policy.<name>.*} over the default policy, key by key.
     * Returns empty when no key of that policy is set (a name used by {@code @Cors} must exist).
     */
    Optional<CorsPolicy> namedPolicy(String name, CorsPolicy defaultPolicy) {
        String prefix = POLICY_PREFIX + name + ".";
        if (POLICY_KEYS.stream().noneMatch(key -> config.getOptionalValue(prefix + key, String.class).isPresent())) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        CorsPolicy policy = build(apply(defaultPolicy.toBuilder(), prefix, problems), problems);
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
        return Optional.of(policy);
    }

    /** The names of the policies that appear in the config's property names. */
    Set<String> policyNamesInConfig() {
        Set<String> names = new TreeSet<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(POLICY_PREFIX)) {
                String rest = key.substring(POLICY_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0 && POLICY_KEYS.contains(rest.substring(dot + 1))) {
                    names.add(rest.substring(0, dot));
                }
            }
        }
        return names;
    }

    private static CorsPolicy build(CorsPolicy.Builder builder, List<String> problems) {
        try {
            return builder.build();
        } catch (CorsConfigException e) {
            e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            return null;
        }
    }

    private CorsPolicy.Builder apply(CorsPolicy.Builder b, String prefix, List<String> problems) {
        readList(prefix + ALLOWED_ORIGINS).ifPresent(v -> b.replaceOrigins(v, prefix + ALLOWED_ORIGINS));
        readList(prefix + ALLOWED_METHODS).ifPresent(v -> b.replaceMethods(v, prefix + ALLOWED_METHODS));
        readList(prefix + ALLOWED_HEADERS).ifPresent(v -> b.replaceHeaders(v, prefix + ALLOWED_HEADERS));
        readList(prefix + EXPOSED_HEADERS).ifPresent(v -> b.replaceExposedHeaders(v, prefix + EXPOSED_HEADERS));
        readBoolean(prefix + ALLOW_CREDENTIALS, problems).ifPresent(v -> b.allowCredentials(v, prefix + ALLOW_CREDENTIALS));
        readBoolean(prefix + ALLOW_SAME_ORIGIN, problems).ifPresent(b::allowSameOrigin);
        readBoolean(prefix + TRUST_FORWARDED_HEADERS, problems).ifPresent(b::trustForwardedHeaders);
        readBoolean(prefix + ALLOW_PRIVATE_NETWORK, problems).ifPresent(b::allowPrivateNetwork);
        readBoolean(prefix + REJECT_DISALLOWED, problems).ifPresent(b::rejectDisallowed);
        readLong(prefix + MAX_AGE, problems).ifPresent(seconds -> {
            if (seconds < 0) {
                problems.add(prefix + MAX_AGE + ": " + seconds + " is negative; use 0 to omit Access-Control-Max-Age");
            } else {
                b.maxAge(Duration.ofSeconds(seconds));
            }
        });
        readLong(prefix + PREFLIGHT_STATUS, problems).ifPresent(status -> {
            if (status != 200 && status != 204) {
                problems.add(prefix + PREFLIGHT_STATUS + ": " + status + " is not a preflight status; use 204 (the default) or 200");
            } else {
                b.preflightStatus(status.intValue());
            }
        });
        return b;
    }

    private Optional<List<String>> readList(String key) {
        return config.getOptionalValue(key, String.class).map(ConfigReader::splitList);
    }

    /** MicroProfile Config list syntax: comma-separated, {@code \,} for a literal comma, entries trimmed. */
    static List<String> splitList(String value) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                entry.append(',');
                i++;
            } else if (c == ',') {
                addTrimmed(entries, entry);
            } else {
                entry.append(c);
            }
        }
        addTrimmed(entries, entry);
        return entries;
    }

    private static void addTrimmed(List<String> entries, StringBuilder entry) {
        String trimmed = entry.toString().trim();
        if (!trimmed.isEmpty()) {
            entries.add(trimmed);
        }
        entry.setLength(0);
    }

    private Optional<Boolean> readBoolean(String key, List<String> problems) {
        Optional<String> value = config.getOptionalValue(key, String.class).map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(v));
        }
        problems.add(key + ": '" + v + "' is not a boolean; write true or false");
        return Optional.empty();
    }

    private Optional<Long> readLong(String key, List<String> problems) {
        Optional<String> value = config.getOptionalValue(key, String.class).map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.get()));
        } catch (NumberFormatException e) {
            problems.add(key + ": '" + value.get() + "' is not a whole number");
            return Optional.empty();
        }
    }

    /** Every {@code cors.*} property must be a known key; a typo would otherwise be silently ignored. */
    private void checkKeys(List<String> problems) {
        Map<String, String> unknown = new LinkedHashMap<>();
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith(PREFIX) || isKnown(key) || isEnvironmentSpelling(key)) {
                continue;
            }
            unknown.put(key, suggestion(key));
        }
        unknown.forEach((key, suggestion) -> problems.add(key + ": unknown key" + suggestion));
    }

    private static boolean isKnown(String key) {
        if (key.equals(ENABLED) || POLICY_KEYS.contains(key.substring(PREFIX.length()))) {
            return true;
        }
        if (key.startsWith(POLICY_PREFIX)) {
            String rest = key.substring(POLICY_PREFIX.length());
            int dot = rest.indexOf('.');
            return dot > 0 && isPolicyName(rest.substring(0, dot)) && POLICY_KEYS.contains(rest.substring(dot + 1));
        }
        return false;
    }

    /**
     * An environment variable set without the same key in another source is listed under a name of
     * its own: SmallRye lists {@code CORS_ALLOWED_ORIGINS} as {@code cors.allowed.origins}. It is a
     * known key when it maps, by the MicroProfile rule (every character but letters and digits
     * becomes {@code _}, then upper case), to a known key that reads the same value; a misspelt key
     * in a properties file maps to nothing and is still reported.
     */
    private boolean isEnvironmentSpelling(String key) {
        String environmentName = environmentName(key);
        List<String> candidates = new ArrayList<>();
        if (environmentName.equals(environmentName(ENABLED))) {
            candidates.add(ENABLED);
        }
        String policies = environmentName(POLICY_PREFIX);
        for (String policyKey : POLICY_KEYS) {
            String suffix = environmentName(policyKey);
            if (environmentName.equals(environmentName(PREFIX) + suffix)) {
                candidates.add(PREFIX + policyKey);
            } else if (environmentName.startsWith(policies) && environmentName.endsWith("_" + suffix)
                    && environmentName.length() > policies.length() + suffix.length() + 1) {
                String name = environmentName.substring(policies.length(), environmentName.length() - suffix.length() - 1);
                candidates.add(POLICY_PREFIX + name.toLowerCase(Locale.ROOT) + "." + policyKey);
            }
        }
        Optional<String> value = config.getOptionalValue(key, String.class);
        return value.isPresent()
                && candidates.stream().anyMatch(known -> config.getOptionalValue(known, String.class).equals(value));
    }

    private static String environmentName(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            name.append(c < 0x80 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    static boolean isPolicyName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }

    private static String suggestion(String key) {
        List<String> candidates = new ArrayList<>();
        candidates.add(ENABLED);
        String prefix = PREFIX;
        if (key.startsWith(POLICY_PREFIX) && key.indexOf('.', POLICY_PREFIX.length()) > 0) {
            prefix = key.substring(0, key.indexOf('.', POLICY_PREFIX.length()) + 1);
            candidates.clear();
        }
        for (String k : POLICY_KEYS) {
            candidates.add(prefix + k);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(3, best.length() / 3)) {
            return "; did you mean " + best + "?";
        }
        return "; known keys are " + ENABLED + ", cors.<" + String.join("|", POLICY_KEYS)
                + "> and cors.policy.<name>.<same keys>";
    }

    /** Levenshtein distance, for "did you mean" suggestions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        Arrays.setAll(previous, i -> i);
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
