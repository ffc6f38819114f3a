package io.github.jaxrscors.internal.policy;

import static io.github.jaxrscors.internal.policy.Policy.ALWAYS_ALLOWED_HEADERS;
import static io.github.jaxrscors.internal.policy.Policy.DEFAULT_MAX_AGE;
import static io.github.jaxrscors.internal.policy.Policy.SAFELISTED_METHODS;
import static io.github.jaxrscors.internal.policy.Policy.WILDCARD;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsConfigException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A policy being written, by {@code CorsPolicy.Builder}, by configuration keys or by {@code @Cors}:
 * every value is kept with where it was written (a builder method, a key, an annotation site), and
 * {@link #validate()} checks them all at once, reporting every problem where the user made it.
 * Lists written through configuration or {@code @Cors} replace the inherited ones, never add to them.
 */
public final class PolicyDraft {

    /** A value with where it was written. */
    record Setting<T>(T value, String source) {
    }

    private static final String DEFAULT = "default";

    private final List<Setting<String>> origins;
    final List<Predicate<String>> originPredicates;
    private final List<Setting<String>> methods;
    private final List<Setting<String>> headers;
    final List<Predicate<String>> headerPredicates;
    private final List<Setting<String>> exposedHeaders;
    private final List<Problem> problems;
    Setting<Boolean> allowCredentials = new Setting<>(false, DEFAULT);
    Setting<Long> maxAge = new Setting<>(DEFAULT_MAX_AGE.getSeconds(), DEFAULT);
    Setting<Boolean> allowSameOrigin = new Setting<>(true, DEFAULT);
    boolean allowNonSimpleContentTypes;
    Setting<Boolean> allowPrivateNetwork = new Setting<>(false, DEFAULT);
    Setting<Boolean> rejectDisallowed = new Setting<>(true, DEFAULT);
    Setting<Long> preflightStatus = new Setting<>(204L, DEFAULT);
    Setting<Boolean> trustForwardedHeaders = new Setting<>(false, DEFAULT);
    Setting<Boolean> allowInsecureOrigins = new Setting<>(false, DEFAULT);
    Setting<Boolean> reportOnly = new Setting<>(false, DEFAULT);
    /** How the user opts in to insecure origins where this policy comes from, for the message. */
    private String insecureOptIn = "allowInsecureOrigins(true)";

    /** A draft of the default settings: nothing allowed but same-origin requests. */
    public PolicyDraft() {
        origins = new ArrayList<>();
        originPredicates = new ArrayList<>();
        methods = new ArrayList<>();
        headers = new ArrayList<>();
        headerPredicates = new ArrayList<>();
        exposedHeaders = new ArrayList<>();
        problems = new ArrayList<>();
    }

    private PolicyDraft(PolicyDraft d) {
        origins = new ArrayList<>(d.origins);
        originPredicates = new ArrayList<>(d.originPredicates);
        methods = new ArrayList<>(d.methods);
        headers = new ArrayList<>(d.headers);
        headerPredicates = new ArrayList<>(d.headerPredicates);
        exposedHeaders = new ArrayList<>(d.exposedHeaders);
        problems = new ArrayList<>(d.problems);
        allowCredentials = d.allowCredentials;
        maxAge = d.maxAge;
        allowSameOrigin = d.allowSameOrigin;
        allowNonSimpleContentTypes = d.allowNonSimpleContentTypes;
        allowPrivateNetwork = d.allowPrivateNetwork;
        rejectDisallowed = d.rejectDisallowed;
        preflightStatus = d.preflightStatus;
        trustForwardedHeaders = d.trustForwardedHeaders;
        allowInsecureOrigins = d.allowInsecureOrigins;
        reportOnly = d.reportOnly;
        insecureOptIn = d.insecureOptIn;
    }

    public PolicyDraft copy() {
        return new PolicyDraft(this);
    }

    /* Additions, as the builder makes them. */

    public PolicyDraft addOrigin(String value, String source) {
        origins.add(new Setting<>(value, source));
        return this;
    }

    public PolicyDraft addOriginPredicate(Predicate<String> predicate) {
        originPredicates.add(predicate);
        return this;
    }

    public PolicyDraft addMethod(String value, String source) {
        methods.add(new Setting<>(value, source));
        return this;
    }

    public PolicyDraft addHeader(String value, String source) {
        headers.add(new Setting<>(value, source));
        return this;
    }

    public PolicyDraft addHeaderPredicate(Predicate<String> predicate) {
        headerPredicates.add(predicate);
        return this;
    }

    public PolicyDraft addExposedHeader(String value, String source) {
        exposedHeaders.add(new Setting<>(value, source));
        return this;
    }

    /** A mistake found while writing (such as an origin given to {@code allowHost}), reported by {@link #validate()}. */
    public PolicyDraft addProblem(Problem problem) {
        problems.add(problem);
        return this;
    }

    /* Replacements, as configuration keys and @Cors make them. */

    public PolicyDraft origins(List<String> values, String source) {
        origins.clear();
        originPredicates.clear();
        values.forEach(value -> addOrigin(value, source));
        return this;
    }

    public PolicyDraft methods(List<String> values, String source) {
        methods.clear();
        values.forEach(value -> addMethod(value, source));
        return this;
    }

    public PolicyDraft headers(List<String> values, String source) {
        headers.clear();
        headerPredicates.clear();
        values.forEach(value -> addHeader(value, source));
        return this;
    }

    public PolicyDraft exposedHeaders(List<String> values, String source) {
        exposedHeaders.clear();
        values.forEach(value -> addExposedHeader(value, source));
        return this;
    }

    public PolicyDraft allowCredentials(boolean allow, String source) {
        allowCredentials = new Setting<>(allow, source);
        return this;
    }

    public PolicyDraft maxAge(long seconds, String source) {
        maxAge = new Setting<>(seconds, source);
        return this;
    }

    public PolicyDraft allowSameOrigin(boolean allow, String source) {
        allowSameOrigin = new Setting<>(allow, source);
        return this;
    }

    public PolicyDraft allowNonSimpleContentTypes(boolean allow) {
        allowNonSimpleContentTypes = allow;
        return this;
    }

    public PolicyDraft allowPrivateNetwork(boolean allow, String source) {
        allowPrivateNetwork = new Setting<>(allow, source);
        return this;
    }

    public PolicyDraft rejectDisallowed(boolean reject, String source) {
        rejectDisallowed = new Setting<>(reject, source);
        return this;
    }

    public PolicyDraft preflightStatus(long status, String source) {
        preflightStatus = new Setting<>(status, source);
        return this;
    }

    public PolicyDraft trustForwardedHeaders(boolean trust, String source) {
        trustForwardedHeaders = new Setting<>(trust, source);
        return this;
    }

    public PolicyDraft allowInsecureOrigins(boolean allow, String source) {
        allowInsecureOrigins = new Setting<>(allow, source);
        return this;
    }

    public PolicyDraft reportOnly(boolean reportOnly, String source) {
        this.reportOnly = new Setting<>(reportOnly, source);
        return this;
    }

    /** Names the key that opts a configured policy in to insecure origins, for the refusal message. */
    public PolicyDraft insecureOptIn(String key) {
        insecureOptIn = key + "=true";
        return this;
    }

    /* Validation. */

    /** The settings once every value is known to be valid; the sources of the wildcards, for messages. */
    static final class Validated {
        String anyOrigin;
        final List<OriginSpec> origins = new ArrayList<>();
        final List<Setting<String>> originSources = new ArrayList<>();
        boolean anyMethod;
        final Set<String> methods = new LinkedHashSet<>(SAFELISTED_METHODS);
        boolean anyHeader;
        final Set<String> headers = new LinkedHashSet<>();
        final List<String> headerPrefixes = new ArrayList<>();
        String anyExposedHeader;
        final Set<String> exposedHeaders = new LinkedHashSet<>();
    }

    /**
     * Checks every setting and returns the policy they make.
     *
     * @throws CorsConfigException listing every problem found
     */
    public Policy validate() {
        List<Problem> found = new ArrayList<>(problems);
        Validated v = new Validated();
        validateOrigins(v, found);
        validateMethods(v, found);
        validateHeaders(v, found);
        validateExposedHeaders(v, found);
        if (maxAge.value() < 0) {
            found.add(new Problem(maxAge.source(), Long.toString(maxAge.value()), maxAge.value()
                    + " is negative; use 0 to omit Access-Control-Max-Age"));
        }
        if (preflightStatus.value() != 200 && preflightStatus.value() != 204) {
            found.add(new Problem(preflightStatus.source(), Long.toString(preflightStatus.value()), preflightStatus.value()
                    + " is not a preflight status; use 204 (the default) or 200"));
        }
        validateCombinations(v, found);
        if (!found.isEmpty()) {
            throw new CorsConfigException(found);
        }
        return new Policy(this, v);
    }

    private void validateOrigins(Validated v, List<Problem> found) {
        for (Setting<String> s : origins) {
            String value = s.value().trim();
            if (WILDCARD.equals(value)) {
                v.anyOrigin = s.source();
                continue;
            }
            try {
                OriginSpec spec = OriginSpec.parse(value);
                if (!v.origins.contains(spec)) {
                    v.origins.add(spec);
                    v.originSources.add(s);
                }
            } catch (OriginSpec.InvalidOrigin e) {
                found.add(new Problem(s.source(), s.value(), "'" + s.value() + "' " + e.getMessage()));
            }
        }
    }

    private void validateMethods(Validated v, List<Problem> found) {
        for (Setting<String> s : methods) {
            String value = s.value().trim();
            if (WILDCARD.equals(value)) {
                v.anyMethod = true;
            } else if (!HttpTokens.isToken(value)) {
                found.add(new Problem(s.source(), s.value(), "'" + s.value() + "' is not a method name (an HTTP token, e.g. PUT)"));
            } else if (HttpTokens.isForbiddenMethod(value)) {
                found.add(new Problem(s.source(), s.value(), "'" + s.value() + "' is a forbidden method that browsers never send; remove it"));
            } else {
                v.methods.add(HttpTokens.normalizeMethod(value));
            }
        }
    }

    private void validateHeaders(Validated v, List<Problem> found) {
        for (Setting<String> s : headers) {
            String value = s.value().trim();
            if (WILDCARD.equals(value)) {
                v.anyHeader = true;
                continue;
            }
            boolean prefix = value.endsWith(WILDCARD);
            String name = (prefix ? value.substring(0, value.length() - 1) : value).toLowerCase(Locale.ROOT);
            if (!HttpTokens.isToken(name) || name.indexOf('*') >= 0) {
                found.add(s.source().equals("allowHeadersPrefixed")
                        ? new Problem(s.source(), name, "'" + s.value().substring(0, s.value().length() - 1)
                                + "' is not the start of a header name (an HTTP token, e.g. X-Custom-)")
                        : new Problem(s.source(), s.value(), "'" + s.value() + "' is not a header name (an HTTP token"
                                + (prefix ? "; a prefix ends with a single '*', e.g. X-Custom-*)" : ", e.g. X-Request-Id)")));
            } else if (HttpTokens.isForbiddenRequestHeader(name)
                    || prefix && (name.startsWith("sec-") || name.startsWith("proxy-")
                            || "sec-".startsWith(name) || "proxy-".startsWith(name))) {
                found.add(new Problem(s.source(), s.value(), "'" + s.value() + "' is a forbidden request header that "
                        + "scripts can never set (Fetch standard); remove it"));
            } else if (prefix) {
                v.headerPrefixes.add(name);
            } else if (!ALWAYS_ALLOWED_HEADERS.contains(name)) {
                v.headers.add(name);
            }
        }
    }

    private void validateExposedHeaders(Validated v, List<Problem> found) {
        for (Setting<String> s : exposedHeaders) {
            String value = s.value().trim();
            if (WILDCARD.equals(value)) {
                v.anyExposedHeader = s.source();
            } else if (!HttpTokens.isToken(value)) {
                found.add(new Problem(s.source(), s.value(), "'" + s.value() + "' is not a header name (an HTTP token, e.g. X-Total-Count)"));
            } else if (HttpTokens.isForbiddenResponseHeader(value)) {
                found.add(new Problem(s.source(), s.value(), "'" + s.value() + "' is never exposed to script by browsers; remove it"));
            } else {
                v.exposedHeaders.add(value);
            }
        }
    }

    /** Settings that are valid alone but unsafe together. */
    private void validateCombinations(Validated v, List<Problem> found) {
        if (allowCredentials.value()) {
            String credentials = " (" + allowCredentials.source() + " = true)";
            if (v.anyOrigin != null) {
                found.add(new Problem(v.anyOrigin, WILDCARD, "'*' cannot be combined with credentials" + credentials
                        + ": any site could read your users' data. "
                        + "List the origins explicitly, or use a '*.' pattern such as 'https://*.example.com'"));
            }
            if (v.anyExposedHeader != null) {
                found.add(new Problem(v.anyExposedHeader, WILDCARD, "'*' cannot be combined with credentials" + credentials
                        + ": browsers then read it as a header named '*'. List the exposed headers explicitly"));
            }
            if (!allowInsecureOrigins.value()) {
                for (int i = 0; i < v.origins.size(); i++) {
                    if (v.origins.get(i).isInsecure()) {
                        Setting<String> s = v.originSources.get(i);
                        found.add(new Problem(s.source(), s.value(), "'" + s.value() + "' is plain http, which cannot be "
                                + "combined with credentials" + credentials + ": anyone on the network path can read "
                                + "and alter that page's traffic, and with it your users' credentialed answers. "
                                + "Use https, or accept the risk with " + insecureOptIn));
                    }
                }
            }
        }
        if (allowPrivateNetwork.value() && v.anyOrigin != null) {
            found.add(new Problem(allowPrivateNetwork.source(), "true", "private network access cannot be combined "
                    + "with any origin ('*' in " + v.anyOrigin + "): any website could reach servers on your "
                    + "visitors' private networks through their browsers. List the origins explicitly"));
        }
    }
}
