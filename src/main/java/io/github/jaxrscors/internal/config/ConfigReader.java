package io.github.jaxrscors.internal.config;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.policy.Policy;
import io.github.jaxrscors.internal.policy.PolicyDraft;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads the {@code cors.*} settings into policies: the default policy and the named policies
 * {@code cors.policy.<name>.*}, each inheriting key by key from the default. Values are read as
 * strings and parsed here, so that {@code yes} or {@code 1} is refused as a boolean (MicroProfile
 * Config's converters would accept them); what they mean is checked by {@link PolicyDraft#validate()},
 * the same checks as for a policy built in code. Every problem is collected, with its key.
 */
public final class ConfigReader {

    public static final String PREFIX = "cors.";
    public static final String ENABLED = "cors.enabled";
    public static final String REFRESH_INTERVAL = "cors.refresh-interval";
    public static final String POLICY_PREFIX = "cors.policy.";

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
    static final String ALLOW_INSECURE_ORIGINS = "allow-insecure-origins";

    /** The keys a policy has, default or named. */
    public static final List<String> POLICY_KEYS = List.of(ALLOWED_ORIGINS, ALLOWED_METHODS, ALLOWED_HEADERS,
            EXPOSED_HEADERS, ALLOW_CREDENTIALS, MAX_AGE, ALLOW_SAME_ORIGIN, TRUST_FORWARDED_HEADERS,
            ALLOW_PRIVATE_NETWORK, REJECT_DISALLOWED, PREFLIGHT_STATUS, ALLOW_INSECURE_ORIGINS);

    /** The keys that hold for the whole application, read once at deployment. */
    public static final List<String> APPLICATION_KEYS = List.of(ENABLED, REFRESH_INTERVAL);

    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

    /**
     * The policies one reading of the settings gives. A named policy that {@code @Cors} asks for is
     * read on first use, since one defined only through environment variables is not listed.
     */
    public static final class Policies {
        private final Settings settings;
        private final Policy defaultPolicy;
        private final PolicyDraft base;
        private final Duration refreshInterval;
        private final Map<String, Optional<Policy>> named = new HashMap<>();

        private Policies(Settings settings, Policy defaultPolicy, PolicyDraft base, Duration refreshInterval) {
            this.settings = settings;
            this.defaultPolicy = defaultPolicy;
            this.base = base;
            this.refreshInterval = refreshInterval;
        }

        /** {@code cors.refresh-interval}: empty when the settings are read once. */
        public Optional<Duration> refreshInterval() {
            return Optional.ofNullable(refreshInterval);
        }

        public Policy defaultPolicy() {
            return defaultPolicy;
        }

        /**
         * The named policy, or empty when no key of it is set.
         *
         * @throws CorsConfigException when its keys are invalid
         */
        public Optional<Policy> named(String name) {
            Optional<Policy> known = named.get(name);
            if (known == null) {
                List<Problem> problems = new ArrayList<>();
                known = isPolicyName(name) ? namedPolicy(settings, base, name, problems) : Optional.empty();
                if (!problems.isEmpty()) {
                    throw new CorsConfigException(problems);
                }
                named.put(name, known);
            }
            return known;
        }

        /** The names of the named policies listed in the configuration, for suggestions. */
        public Set<String> listedNames() {
            return listedPolicyNames(settings);
        }

    }

    private ConfigReader() {
    }

    /** The runtimes' own CORS support, looked for in every configuration read. */
    private static final class Competitors {
        static final List<CompetingCors> ALL = load();

        private static List<CompetingCors> load() {
            List<CompetingCors> all = new ArrayList<>();
            ServiceLoader.load(CompetingCors.class, CompetingCors.class.getClassLoader()).forEach(all::add);
            return List.copyOf(all);
        }
    }

    /** {@code cors.enabled}, refusing anything but true or false. */
    public static boolean enabled(Settings settings) {
        List<Problem> problems = new ArrayList<>();
        boolean enabled = readBoolean(settings, ENABLED, problems).orElse(true);
        throwIfAny(problems);
        return enabled;
    }

    private static Duration refreshInterval(Settings settings, List<Problem> problems) {
        String value = settings.get(REFRESH_INTERVAL);
        if (value == null) {
            return null;
        }
        Duration interval = parseDuration(value.trim());
        if (interval == null || interval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
            problems.add(new Problem(REFRESH_INTERVAL, value, "'" + value + "' is not "
                    + (interval == null ? "a duration" : "at least one second")
                    + "; write a duration such as 30s, 5m, 1h or PT30S (at least 1s)"));
            return null;
        }
        return interval;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, or ISO-8601 {@code PT30S}; null if neither. */
    private static Duration parseDuration(String value) {
        if (value.length() > 1 && value.chars().limit(value.length() - 1).allMatch(c -> c >= '0' && c <= '9')
                && value.length() < 12) {
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (Character.toLowerCase(value.charAt(value.length() - 1))) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> null;
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Reads and checks every {@code cors.*} key: the default policy (or {@code programmatic}, which
     * replaces the {@code cors.*} policy keys), every named policy listed in the configuration, and
     * the named policies in {@code usedNames}, which {@code @Cors} asks for.
     *
     * @throws CorsConfigException listing every problem found
     */
    public static Policies read(Settings settings, Policy programmatic, Collection<String> usedNames) {
        List<Problem> problems = new ArrayList<>();
        Competitors.ALL.forEach(competitor -> competitor.check(settings, problems));
        // A key a competitor named is not also reported as unknown.
        Set<String> named = problems.stream().map(Problem::where).collect(java.util.stream.Collectors.toSet());
        checkKeys(settings, named, problems);
        Duration refreshInterval = refreshInterval(settings, problems);
        PolicyDraft base;
        Policy defaultPolicy;
        if (programmatic != null) {
            base = programmatic.toDraft();
            defaultPolicy = programmatic;
        } else {
            base = apply(settings, new PolicyDraft(), PREFIX, problems);
            defaultPolicy = build(base.copy(), problems);
        }
        Set<String> names = new TreeSet<>(listedPolicyNames(settings));
        usedNames.stream().filter(ConfigReader::isPolicyName).forEach(names::add);
        Policies policies = new Policies(settings, defaultPolicy, base, refreshInterval);
        for (String name : names) {
            policies.named.put(name, namedPolicy(settings, base, name, problems));
        }
        throwIfAny(problems);
        return policies;
    }

    private static Optional<Policy> namedPolicy(Settings settings, PolicyDraft base, String name,
            List<Problem> problems) {
        String prefix = POLICY_PREFIX + name + ".";
        // Every key is read, so that a reload notices the first one set later.
        if (POLICY_KEYS.stream().map(key -> settings.get(prefix + key)).allMatch(v -> v == null)) {
            return Optional.empty();
        }
        return Optional.ofNullable(build(apply(settings, base.copy(), prefix, problems), problems));
    }

    /** The names of the policies that appear in the configuration's listed keys. */
    private static Set<String> listedPolicyNames(Settings settings) {
        Set<String> names = new TreeSet<>();
        for (String key : settings.corsKeys()) {
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

    private static Policy build(PolicyDraft draft, List<Problem> problems) {
        try {
            return draft.validate();
        } catch (CorsConfigException e) {
            e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            return null;
        }
    }

    private static PolicyDraft apply(Settings s, PolicyDraft b, String prefix, List<Problem> problems) {
        readList(s, prefix + ALLOWED_ORIGINS, v -> b.origins(v, prefix + ALLOWED_ORIGINS));
        readList(s, prefix + ALLOWED_METHODS, v -> b.methods(v, prefix + ALLOWED_METHODS));
        readList(s, prefix + ALLOWED_HEADERS, v -> b.headers(v, prefix + ALLOWED_HEADERS));
        readList(s, prefix + EXPOSED_HEADERS, v -> b.exposedHeaders(v, prefix + EXPOSED_HEADERS));
        readBoolean(s, prefix + ALLOW_CREDENTIALS, problems).ifPresent(v -> b.allowCredentials(v, prefix + ALLOW_CREDENTIALS));
        readBoolean(s, prefix + ALLOW_SAME_ORIGIN, problems).ifPresent(v -> b.allowSameOrigin(v, prefix + ALLOW_SAME_ORIGIN));
        readBoolean(s, prefix + TRUST_FORWARDED_HEADERS, problems)
                .ifPresent(v -> b.trustForwardedHeaders(v, prefix + TRUST_FORWARDED_HEADERS));
        readBoolean(s, prefix + ALLOW_PRIVATE_NETWORK, problems)
                .ifPresent(v -> b.allowPrivateNetwork(v, prefix + ALLOW_PRIVATE_NETWORK));
        readBoolean(s, prefix + REJECT_DISALLOWED, problems).ifPresent(v -> b.rejectDisallowed(v, prefix + REJECT_DISALLOWED));
        readBoolean(s, prefix + ALLOW_INSECURE_ORIGINS, problems)
                .ifPresent(v -> b.allowInsecureOrigins(v, prefix + ALLOW_INSECURE_ORIGINS));
        readLong(s, prefix + MAX_AGE, problems).ifPresent(v -> b.maxAge(v, prefix + MAX_AGE));
        readLong(s, prefix + PREFLIGHT_STATUS, problems).ifPresent(v -> b.preflightStatus(v, prefix + PREFLIGHT_STATUS));
        b.insecureOptIn(prefix + ALLOW_INSECURE_ORIGINS);
        return b;
    }

    private static void readList(Settings s, String key, Consumer<List<String>> apply) {
        String value = s.get(key);
        if (value != null) {
            apply.accept(splitList(value));
        }
    }

    /** MicroProfile Config list syntax: comma-separated, {@code \,} for a literal comma, entries trimmed. */
    public static List<String> splitList(String value) {
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

    private static Optional<Boolean> readBoolean(Settings s, String key, List<Problem> problems) {
        String value = s.get(key);
        return value == null ? Optional.empty() : parseBoolean(key, value, problems);
    }

    /** {@code true} or {@code false} in any case, nothing else; shared with {@code @Cors}. */
    public static Optional<Boolean> parseBoolean(String where, String value, List<Problem> problems) {
        String v = value.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(v));
        }
        problems.add(new Problem(where, value, "'" + v + "' is not a boolean; write true or false"));
        return Optional.empty();
    }

    private static Optional<Long> readLong(Settings s, String key, List<Problem> problems) {
        String value = s.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            problems.add(new Problem(key, value, "'" + value.trim() + "' is not a whole number"));
            return Optional.empty();
        }
    }

    private static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
    }

    /** Every {@code cors.*} key must be a known key; a typo would otherwise be silently ignored. */
    private static void checkKeys(Settings settings, Set<String> reported, List<Problem> problems) {
        for (String key : settings.corsKeys()) {
            if (!isKnown(key) && !isEnvironmentSpelling(settings, key) && !reported.contains(key)) {
                problems.add(new Problem(key, null, "unknown key" + suggestion(key)));
            }
        }
    }

    private static boolean isKnown(String key) {
        if (APPLICATION_KEYS.contains(key) || POLICY_KEYS.contains(key.substring(PREFIX.length()))) {
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
    private static boolean isEnvironmentSpelling(Settings settings, String key) {
        String environmentName = environmentName(key);
        List<String> candidates = new ArrayList<>();
        for (String applicationKey : APPLICATION_KEYS) {
            if (environmentName.equals(environmentName(applicationKey))) {
                candidates.add(applicationKey);
            }
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
        String value = settings.get(key);
        return value != null && candidates.stream().anyMatch(known -> value.equals(settings.get(known)));
    }

    private static String environmentName(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            name.append(c < 0x80 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    public static boolean isPolicyName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }

    private static String suggestion(String key) {
        Set<String> candidates = new LinkedHashSet<>(APPLICATION_KEYS);
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
        return "; known keys are " + String.join(", ", APPLICATION_KEYS) + ", cors.<" + String.join("|", POLICY_KEYS)
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
