package io.github.jaxrscors.internal.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A validated policy: the value behind {@code CorsPolicy}, and what a {@link CompiledPolicy} is
 * compiled from. Only {@link PolicyDraft#validate()} makes one, so every instance is valid.
 * Lists hold names as the policy uses them: methods as written (GET, HEAD and POST always), header
 * names in lower case without the always-allowed ones; the wildcards are flags of their own.
 */
public final class Policy {

    /** The methods every policy allows: the Fetch standard's CORS-safelisted methods. */
    public static final List<String> SAFELISTED_METHODS = List.of("GET", "HEAD", "POST");

    /** Request headers every policy allows, as Ktor does. */
    public static final List<String> ALWAYS_ALLOWED_HEADERS = List.of("accept", "accept-language", "content-language");

    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

    public static final String WILDCARD = "*";

    private final boolean anyOrigin;
    private final List<OriginSpec> origins;
    private final List<Predicate<String>> originPredicates;
    private final boolean anyMethod;
    private final Set<String> methods;
    private final boolean anyHeader;
    private final Set<String> headers;
    private final List<String> headerPrefixes;
    private final List<Predicate<String>> headerPredicates;
    private final boolean anyExposedHeader;
    private final Set<String> exposedHeaders;
    private final boolean allowCredentials;
    private final Duration maxAge;
    private final boolean allowSameOrigin;
    private final boolean allowNonSimpleContentTypes;
    private final boolean allowPrivateNetwork;
    private final boolean rejectDisallowed;
    private final int preflightStatus;
    private final boolean trustForwardedHeaders;
    private final boolean allowInsecureOrigins;
    private final boolean reportOnly;

    /** What it was validated from, so that a policy derived from it reports mistakes where the user made them. */
    private final PolicyDraft draft;

    Policy(PolicyDraft draft, PolicyDraft.Validated v) {
        this.anyOrigin = v.anyOrigin != null;
        this.origins = List.copyOf(v.origins);
        this.originPredicates = List.copyOf(draft.originPredicates);
        this.anyMethod = v.anyMethod;
        this.methods = Collections.unmodifiableSet(new LinkedHashSet<>(v.methods));
        this.anyHeader = v.anyHeader;
        this.headers = Collections.unmodifiableSet(new LinkedHashSet<>(v.headers));
        this.headerPrefixes = List.copyOf(v.headerPrefixes);
        this.headerPredicates = List.copyOf(draft.headerPredicates);
        this.anyExposedHeader = v.anyExposedHeader != null;
        this.exposedHeaders = Collections.unmodifiableSet(new LinkedHashSet<>(v.exposedHeaders));
        this.allowCredentials = draft.allowCredentials.value();
        this.maxAge = Duration.ofSeconds(draft.maxAge.value());
        this.allowSameOrigin = draft.allowSameOrigin.value();
        this.allowNonSimpleContentTypes = draft.allowNonSimpleContentTypes || anyHeader
                || headers.contains("content-type") || matchesPattern("content-type");
        this.allowPrivateNetwork = draft.allowPrivateNetwork.value();
        this.rejectDisallowed = draft.rejectDisallowed.value();
        this.preflightStatus = draft.preflightStatus.value().intValue();
        this.trustForwardedHeaders = draft.trustForwardedHeaders.value();
        this.allowInsecureOrigins = draft.allowInsecureOrigins.value();
        this.reportOnly = draft.reportOnly.value();
        this.draft = draft.copy();
    }

    /** A draft starting from this policy's settings, for named policies and {@code @Cors}. */
    public PolicyDraft toDraft() {
        return draft.copy();
    }

    public boolean anyOrigin() {
        return anyOrigin;
    }

    /** The exact and wildcard origins in canonical form (lower case, default port omitted), without {@code *}. */
    public List<String> origins() {
        return origins.stream().map(OriginSpec::toString).toList();
    }

    List<OriginSpec> originSpecs() {
        return origins;
    }

    public List<Predicate<String>> originPredicates() {
        return originPredicates;
    }

    public boolean anyMethod() {
        return anyMethod;
    }

    /** Named methods, GET, HEAD and POST included, without {@code *}. */
    public Set<String> methods() {
        return methods;
    }

    public boolean anyHeader() {
        return anyHeader;
    }

    /** Named request headers in lower case, without the always-allowed ones. */
    public Set<String> headers() {
        return headers;
    }

    /** Header name prefixes in lower case, without their {@code *}. */
    public List<String> headerPrefixes() {
        return headerPrefixes;
    }

    public List<Predicate<String>> headerPredicates() {
        return headerPredicates;
    }

    public boolean anyExposedHeader() {
        return anyExposedHeader;
    }

    /** Exposed header names as written, without {@code *}. */
    public Set<String> exposedHeaders() {
        return exposedHeaders;
    }

    public boolean allowCredentials() {
        return allowCredentials;
    }

    public Duration maxAge() {
        return maxAge;
    }

    public boolean allowSameOrigin() {
        return allowSameOrigin;
    }

    public boolean allowNonSimpleContentTypes() {
        return allowNonSimpleContentTypes;
    }

    public boolean allowPrivateNetwork() {
        return allowPrivateNetwork;
    }

    public boolean rejectDisallowed() {
        return rejectDisallowed;
    }

    public int preflightStatus() {
        return preflightStatus;
    }

    public boolean trustForwardedHeaders() {
        return trustForwardedHeaders;
    }

    public boolean allowInsecureOrigins() {
        return allowInsecureOrigins;
    }

    /** Whether requests are decided, logged and counted, but left as if the library were absent. */
    public boolean reportOnly() {
        return reportOnly;
    }

    private boolean matchesPattern(String header) {
        return headerPrefixes.stream().anyMatch(header::startsWith)
                || headerPredicates.stream().anyMatch(p -> p.test(header));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy p && anyOrigin == p.anyOrigin && origins.equals(p.origins)
                && originPredicates.equals(p.originPredicates) && anyMethod == p.anyMethod
                && methods.equals(p.methods) && anyHeader == p.anyHeader && headers.equals(p.headers)
                && headerPrefixes.equals(p.headerPrefixes) && headerPredicates.equals(p.headerPredicates)
                && anyExposedHeader == p.anyExposedHeader && exposedHeaders.equals(p.exposedHeaders)
                && allowCredentials == p.allowCredentials && maxAge.equals(p.maxAge)
                && allowSameOrigin == p.allowSameOrigin && allowNonSimpleContentTypes == p.allowNonSimpleContentTypes
                && allowPrivateNetwork == p.allowPrivateNetwork && rejectDisallowed == p.rejectDisallowed
                && preflightStatus == p.preflightStatus && trustForwardedHeaders == p.trustForwardedHeaders
                && allowInsecureOrigins == p.allowInsecureOrigins && reportOnly == p.reportOnly;
    }

    /** The settings as {@code CorsPolicy} shows them: wildcards as {@code *}, predicates counted. */
    @Override
    public String toString() {
        return "CorsPolicy[origins=" + (anyOrigin ? "[*" + (origins.isEmpty() ? "" : ", ") : "[")
                + String.join(", ", origins.stream().map(OriginSpec::toString).toList()) + "]"
                + (originPredicates.isEmpty() ? "" : " + " + originPredicates.size() + " predicate(s)")
                + ", methods=" + methods + (anyMethod ? " + *" : "") + ", headers=" + headers
                + (headerPrefixes.isEmpty() ? "" : " + prefixes " + headerPrefixes) + (anyHeader ? " + *" : "")
                + (headerPredicates.isEmpty() ? "" : " + " + headerPredicates.size() + " predicate(s)")
                + ", exposedHeaders=" + exposedHeaders + (anyExposedHeader ? " + *" : "")
                + ", allowCredentials=" + allowCredentials + ", maxAge=" + maxAge.getSeconds() + "s, allowSameOrigin="
                + allowSameOrigin + ", allowNonSimpleContentTypes=" + allowNonSimpleContentTypes
                + ", allowPrivateNetwork=" + allowPrivateNetwork + ", rejectDisallowed=" + rejectDisallowed
                + ", preflightStatus=" + preflightStatus + ", trustForwardedHeaders=" + trustForwardedHeaders
                + ", allowInsecureOrigins=" + allowInsecureOrigins + ", reportOnly=" + reportOnly + "]";
    }

    @Override
    public int hashCode() {
        return Objects.hash(anyOrigin, origins, originPredicates, methods, headers, headerPrefixes,
                exposedHeaders, allowCredentials, maxAge, preflightStatus, reportOnly);
    }
}
