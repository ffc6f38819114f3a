package io.github.jaxrscors;

import io.github.jaxrscors.CorsConfigException.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;

/**
 * An immutable, validated CORS policy: which origins may call the API, with which methods and
 * request headers, and what the browser is told in return.
 *
 * <p>Build one with {@link #builder()}, whose methods mirror Ktor's CORS plugin, or read one with
 * {@link #fromConfig(Config)}. Nothing is allowed until origins are named; see each builder method
 * for its default. Every mistake is reported at {@link Builder#build()}, all together, in one
 * {@link CorsConfigException}; configuration keys and {@code @Cors} go through the same checks.
 *
 * <pre>{@code
 * CorsPolicy policy = CorsPolicy.builder()
 *         .allowOrigin("https://app.example.com")
 *         .allowHost("*.example.com", List.of("https"))
 *         .allowMethod("PUT")
 *         .allowHeader("Content-Type")
 *         .allowCredentials(true)
 *         .build();
 * }</pre>
 */
public final class CorsPolicy {

    /** The methods every policy allows: the Fetch standard's CORS-safelisted methods. */
    static final List<String> SAFELISTED_METHODS = List.of("GET", "HEAD", "POST");

    /** Request headers every policy allows, as Ktor does. */
    static final List<String> ALWAYS_ALLOWED_HEADERS = List.of("accept", "accept-language", "content-language");

    static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

    static final String WILDCARD = "*";

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

    /** Kept so that a policy derived from this one reports its mistakes where the user made them. */
    private final Builder source;

    private CorsPolicy(Builder b, Validated v) {
        this.anyOrigin = v.anyOrigin != null;
        this.origins = List.copyOf(v.origins);
        this.originPredicates = List.copyOf(b.originPredicates);
        this.anyMethod = v.anyMethod;
        this.methods = Collections.unmodifiableSet(new LinkedHashSet<>(v.methods));
        this.anyHeader = v.anyHeader;
        this.headers = Collections.unmodifiableSet(new LinkedHashSet<>(v.headers));
        this.headerPrefixes = List.copyOf(v.headerPrefixes);
        this.headerPredicates = List.copyOf(b.headerPredicates);
        this.anyExposedHeader = v.anyExposedHeader != null;
        this.exposedHeaders = Collections.unmodifiableSet(new LinkedHashSet<>(v.exposedHeaders));
        this.allowCredentials = b.allowCredentials.value;
        this.maxAge = Duration.ofSeconds(b.maxAge.value);
        this.allowSameOrigin = b.allowSameOrigin.value;
        this.allowNonSimpleContentTypes = b.allowNonSimpleContentTypes || anyHeader
                || headers.contains("content-type") || matchesPattern("content-type");
        this.allowPrivateNetwork = b.allowPrivateNetwork.value;
        this.rejectDisallowed = b.rejectDisallowed.value;
        this.preflightStatus = b.preflightStatus.value.intValue();
        this.trustForwardedHeaders = b.trustForwardedHeaders.value;
        this.allowInsecureOrigins = b.allowInsecureOrigins.value;
        this.source = b.copy();
    }

    /** {@return a builder that allows nothing but same-origin requests until origins are added} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the default policy from the {@code cors.*} keys of {@code config}, validating every key
     * (unknown keys included) and every named policy {@code cors.policy.<name>.*} found there.
     *
     * @param config the MicroProfile Config to read, for example {@code ConfigProvider.getConfig()}
     * @return the default policy those keys describe
     * @throws CorsConfigException listing every problem found
     */
    public static CorsPolicy fromConfig(Config config) {
        Objects.requireNonNull(config, "config");
        return ConfigReader.read(new Settings(MicroProfileSettings.of(config)), null, Set.of()).defaultPolicy();
    }

    /** A builder starting from this policy's settings, for named policies and {@code @Cors}. */
    Builder toBuilder() {
        return source.copy();
    }

    /**
     * {@return the allowed origins in canonical form (lower case, default port omitted), {@code "*"}
     * for any origin} Origins allowed by a predicate are not listed. Default: none.
     */
    public List<String> allowedOrigins() {
        List<String> list = new ArrayList<>();
        if (anyOrigin) {
            list.add(WILDCARD);
        }
        origins.forEach(o -> list.add(o.toString()));
        return Collections.unmodifiableList(list);
    }

    /** {@return the allowed methods: always GET, HEAD and POST; {@code "*"} for any} Default: GET, HEAD, POST. */
    public Set<String> allowedMethods() {
        if (anyMethod) {
            Set<String> all = new LinkedHashSet<>(methods);
            all.add(WILDCARD);
            return Collections.unmodifiableSet(all);
        }
        return methods;
    }

    /**
     * {@return the allowed request header names in lower case, prefixes as {@code "x-custom-*"},
     * {@code "*"} for any (Authorization must still be named)} Accept, Accept-Language and
     * Content-Language are always allowed and not listed. Default: none.
     */
    public Set<String> allowedHeaders() {
        Set<String> all = new LinkedHashSet<>(headers);
        headerPrefixes.forEach(p -> all.add(p + WILDCARD));
        if (anyHeader) {
            all.add(WILDCARD);
        }
        return Collections.unmodifiableSet(all);
    }

    /** {@return the response headers exposed to script, {@code "*"} for all} Default: none. */
    public Set<String> exposedHeaders() {
        if (anyExposedHeader) {
            Set<String> all = new LinkedHashSet<>(exposedHeaders);
            all.add(WILDCARD);
            return Collections.unmodifiableSet(all);
        }
        return exposedHeaders;
    }

    /** {@return whether {@code Access-Control-Allow-Credentials: true} is sent} Default {@code false}. */
    public boolean allowCredentials() {
        return allowCredentials;
    }

    /** {@return how long a browser may cache a preflight answer; zero omits the header} Default one day. */
    public Duration maxAge() {
        return maxAge;
    }

    /**
     * {@return whether a request the policy refuses passes untouched when it comes from the server's
     * own origin} Default {@code true}.
     */
    public boolean allowSameOrigin() {
        return allowSameOrigin;
    }

    /**
     * {@return whether actual requests may carry a non-CORS-safelisted {@code Content-Type} (such as
     * {@code application/json})} Default {@code false}; allowing the {@code Content-Type} header (or
     * any header) turns it on.
     */
    public boolean allowNonSimpleContentTypes() {
        return allowNonSimpleContentTypes;
    }

    /** {@return whether a private-network preflight is answered with permission} Default {@code false}. */
    public boolean allowPrivateNetwork() {
        return allowPrivateNetwork;
    }

    /**
     * {@return whether an actual request from a disallowed origin gets 403 without reaching the
     * resource} {@code false} lets it through without CORS headers. Default {@code true}.
     */
    public boolean rejectDisallowed() {
        return rejectDisallowed;
    }

    /** {@return the status of a successful preflight answer, 200 or 204} Default 204. */
    public int preflightStatus() {
        return preflightStatus;
    }

    /**
     * {@return whether {@code Forwarded} and {@code X-Forwarded-*} headers are believed when finding
     * the server's own origin} Default {@code false}: only behind a proxy that sets them.
     */
    public boolean trustForwardedHeaders() {
        return trustForwardedHeaders;
    }

    /**
     * {@return whether plain-{@code http} origins other than loopback may be allowed together with
     * credentials} Default {@code false}.
     */
    public boolean allowInsecureOrigins() {
        return allowInsecureOrigins;
    }

    boolean anyOrigin() {
        return anyOrigin;
    }

    List<OriginSpec> originSpecs() {
        return origins;
    }

    List<Predicate<String>> originPredicates() {
        return originPredicates;
    }

    boolean anyMethod() {
        return anyMethod;
    }

    boolean anyHeader() {
        return anyHeader;
    }

    /** Named methods, GET, HEAD and POST included, without {@code "*"}. */
    Set<String> methodNames() {
        return methods;
    }

    /** Named request headers in lower case, without the always-allowed ones. */
    Set<String> headerNames() {
        return headers;
    }

    List<String> headerPrefixes() {
        return headerPrefixes;
    }

    List<Predicate<String>> headerPredicates() {
        return headerPredicates;
    }

    boolean anyExposedHeader() {
        return anyExposedHeader;
    }

    Set<String> exposedHeaderNames() {
        return exposedHeaders;
    }

    private boolean matchesPattern(String header) {
        return headerPrefixes.stream().anyMatch(header::startsWith)
                || headerPredicates.stream().anyMatch(p -> p.test(header));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorsPolicy p && anyOrigin == p.anyOrigin && origins.equals(p.origins)
                && originPredicates.equals(p.originPredicates) && anyMethod == p.anyMethod
                && methods.equals(p.methods) && anyHeader == p.anyHeader && headers.equals(p.headers)
                && headerPrefixes.equals(p.headerPrefixes) && headerPredicates.equals(p.headerPredicates)
                && anyExposedHeader == p.anyExposedHeader && exposedHeaders.equals(p.exposedHeaders)
                && allowCredentials == p.allowCredentials && maxAge.equals(p.maxAge)
                && allowSameOrigin == p.allowSameOrigin && allowNonSimpleContentTypes == p.allowNonSimpleContentTypes
                && allowPrivateNetwork == p.allowPrivateNetwork && rejectDisallowed == p.rejectDisallowed
                && preflightStatus == p.preflightStatus && trustForwardedHeaders == p.trustForwardedHeaders
                && allowInsecureOrigins == p.allowInsecureOrigins;
    }

    @Override
    public int hashCode() {
        return Objects.hash(anyOrigin, origins, originPredicates, methods, headers, headerPrefixes,
                exposedHeaders, allowCredentials, maxAge, preflightStatus);
    }

    @Override
    public String toString() {
        return "CorsPolicy[origins=" + allowedOrigins()
                + (originPredicates.isEmpty() ? "" : " + " + originPredicates.size() + " predicate(s)")
                + ", methods=" + methods + ", headers=" + allowedHeaders()
                + (headerPredicates.isEmpty() ? "" : " + " + headerPredicates.size() + " predicate(s)")
                + ", exposedHeaders=" + exposedHeaders() + ", allowCredentials=" + allowCredentials
                + ", maxAge=" + maxAge.getSeconds() + "s, allowSameOrigin=" + allowSameOrigin
                + ", allowNonSimpleContentTypes=" + allowNonSimpleContentTypes
                + ", allowPrivateNetwork=" + allowPrivateNetwork + ", rejectDisallowed=" + rejectDisallowed
                + ", preflightStatus=" + preflightStatus + ", trustForwardedHeaders=" + trustForwardedHeaders
                + ", allowInsecureOrigins=" + allowInsecureOrigins + "]";
    }

    /**
     * A value with where it was written: a configuration key, a builder method or a {@code @Cors}
     * site, so that a mistake is reported where the user made it.
     */
    record Setting<T>(T value, String source) {
    }

    /** The settings once every value is known to be valid; the sources of the wildcards, for messages. */
    private static final class Validated {
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
     * Collects settings and validates them all at {@link #build()}. Its methods mirror Ktor's CORS
     * plugin. A null, empty or blank argument is refused at the call; every other mistake is recorded
     * and reported at {@link #build()}, together with all the others.
     */
    public static final class Builder {

        private final List<Setting<String>> origins;
        private final List<Predicate<String>> originPredicates;
        private final List<Setting<String>> methods;
        private final List<Setting<String>> headers;
        private final List<Predicate<String>> headerPredicates;
        private final List<Setting<String>> exposedHeaders;
        private final List<Problem> problems;
        private Setting<Boolean> allowCredentials = new Setting<>(false, "default");
        private Setting<Long> maxAge = new Setting<>(DEFAULT_MAX_AGE.getSeconds(), "default");
        private Setting<Boolean> allowSameOrigin = new Setting<>(true, "default");
        private boolean allowNonSimpleContentTypes;
        private Setting<Boolean> allowPrivateNetwork = new Setting<>(false, "default");
        private Setting<Boolean> rejectDisallowed = new Setting<>(true, "default");
        private Setting<Long> preflightStatus = new Setting<>(204L, "default");
        private Setting<Boolean> trustForwardedHeaders = new Setting<>(false, "default");
        private Setting<Boolean> allowInsecureOrigins = new Setting<>(false, "default");
        /** How the user opts in to insecure origins where this policy comes from, for the message. */
        private String insecureOptIn = "allowInsecureOrigins(true)";

        private Builder() {
            origins = new ArrayList<>();
            originPredicates = new ArrayList<>();
            methods = new ArrayList<>();
            headers = new ArrayList<>();
            headerPredicates = new ArrayList<>();
            exposedHeaders = new ArrayList<>();
            problems = new ArrayList<>();
        }

        private Builder(Builder b) {
            origins = new ArrayList<>(b.origins);
            originPredicates = new ArrayList<>(b.originPredicates);
            methods = new ArrayList<>(b.methods);
            headers = new ArrayList<>(b.headers);
            headerPredicates = new ArrayList<>(b.headerPredicates);
            exposedHeaders = new ArrayList<>(b.exposedHeaders);
            problems = new ArrayList<>(b.problems);
            allowCredentials = b.allowCredentials;
            maxAge = b.maxAge;
            allowSameOrigin = b.allowSameOrigin;
            allowNonSimpleContentTypes = b.allowNonSimpleContentTypes;
            allowPrivateNetwork = b.allowPrivateNetwork;
            rejectDisallowed = b.rejectDisallowed;
            preflightStatus = b.preflightStatus;
            trustForwardedHeaders = b.trustForwardedHeaders;
            allowInsecureOrigins = b.allowInsecureOrigins;
            insecureOptIn = b.insecureOptIn;
        }

        Builder copy() {
            return new Builder(this);
        }

        /**
         * Allows one origin, {@code scheme://host[:port]}; {@code https://*.example.com} allows every
         * subdomain (never {@code example.com} itself), {@code http://localhost:*} any port, and
         * {@code "*"} any origin. Default: no origin is allowed.
         *
         * @param origin an origin, a wildcard origin or {@code "*"}
         * @return this builder
         */
        public Builder allowOrigin(String origin) {
            origins.add(new Setting<>(requireText("allowOrigin", "origin", origin), "allowOrigin"));
            return this;
        }

        /**
         * Allows {@code host} (with optional {@code :port}, or {@code *.} in front) over http and https.
         *
         * @param host a host name, {@code host:port} or {@code *.domain}
         * @return this builder
         */
        public Builder allowHost(String host) {
            return allowHost(host, List.of("http", "https"), List.of());
        }

        /**
         * Allows {@code host} (with optional {@code :port}, or {@code *.} in front) over the given schemes.
         *
         * @param host a host name, {@code host:port} or {@code *.domain}
         * @param schemes the schemes to allow it over, such as {@code List.of("https")}
         * @return this builder
         */
        public Builder allowHost(String host, List<String> schemes) {
            return allowHost(host, schemes, List.of());
        }

        /**
         * As Ktor's {@code allowHost}: allows {@code scheme://host} and {@code scheme://sub.host} for every
         * scheme (default http and https) and every listed subdomain; {@code "*"} allows any origin.
         *
         * @param host a host name, {@code host:port}, {@code *.domain} or {@code "*"}
         * @param schemes the schemes to allow it over, such as {@code List.of("https")}
         * @param subDomains labels allowed in front of {@code host} as well, such as {@code List.of("www")}
         * @return this builder
         */
        public Builder allowHost(String host, List<String> schemes, List<String> subDomains) {
            requireText("allowHost", "host", host);
            requireTexts("allowHost", "schemes", schemes);
            requireTexts("allowHost", "subDomains", subDomains);
            if (WILDCARD.equals(host)) {
                return allowAnyOrigin();
            }
            if (host.contains("://")) {
                problems.add(new Problem("allowHost", host, "'" + host + "' is an origin, not a host; write allowHost(\""
                        + host.substring(host.indexOf("://") + 3) + "\", List.of(\""
                        + host.substring(0, host.indexOf("://")) + "\")) or allowOrigin(\"" + host + "\")"));
                return this;
            }
            if (schemes.isEmpty()) {
                problems.add(new Problem("allowHost", host, "'" + host
                        + "' is given no scheme; list at least one, e.g. List.of(\"https\")"));
            }
            for (String scheme : schemes) {
                origins.add(new Setting<>(scheme + "://" + host, "allowHost"));
                for (String sub : subDomains) {
                    origins.add(new Setting<>(scheme + "://" + sub + "." + host, "allowHost"));
                }
            }
            return this;
        }

        /**
         * Allows any origin: answers {@code Access-Control-Allow-Origin: *}. Refused with credentials,
         * since a browser would let any site read your users' data, and with private network access.
         *
         * @return this builder
         */
        public Builder allowAnyOrigin() {
            origins.add(new Setting<>(WILDCARD, "allowAnyOrigin"));
            return this;
        }

        /**
         * Allows every well-formed origin the predicate accepts (it receives the {@code Origin}
         * header as sent, after it parsed as an origin). Checked after the named origins.
         *
         * @param predicate accepts the origins to allow
         * @return this builder
         */
        public Builder allowOrigins(Predicate<String> predicate) {
            originPredicates.add(Objects.requireNonNull(predicate, "allowOrigins: predicate is null"));
            return this;
        }

        /**
         * Allows a method besides GET, HEAD and POST, which are always allowed; {@code "*"} any
         * method. Compared case-sensitively, as browsers do.
         *
         * @param method a method name such as {@code PUT}, or {@code "*"}
         * @return this builder
         */
        public Builder allowMethod(String method) {
            methods.add(new Setting<>(requireText("allowMethod", "method", method), "allowMethod"));
            return this;
        }

        /**
         * Allows any method (browsers never send CONNECT, TRACE or TRACK).
         *
         * @return this builder
         */
        public Builder allowAnyMethod() {
            methods.add(new Setting<>(WILDCARD, "allowAnyMethod"));
            return this;
        }

        /**
         * Allows a request header, case-insensitively; {@code "X-Custom-*"} allows a prefix and
         * {@code "*"} any header but Authorization. {@code Content-Type} also allows non-safelisted
         * content types. Accept, Accept-Language and Content-Language are always allowed. Default: none.
         *
         * @param header a request header name, a prefix ending in {@code *}, or {@code "*"}
         * @return this builder
         */
        public Builder allowHeader(String header) {
            headers.add(new Setting<>(requireText("allowHeader", "header", header), "allowHeader"));
            return this;
        }

        /**
         * Allows every request header starting with {@code prefix}, case-insensitively.
         *
         * @param prefix the start of the header names to allow, such as {@code X-Custom-}
         * @return this builder
         */
        public Builder allowHeadersPrefixed(String prefix) {
            headers.add(new Setting<>(requireText("allowHeadersPrefixed", "prefix", prefix) + WILDCARD, "allowHeadersPrefixed"));
            return this;
        }

        /**
         * Allows every request header the predicate accepts; it receives the name in lower case.
         *
         * @param predicate accepts the lower-case header names to allow
         * @return this builder
         */
        public Builder allowHeaders(Predicate<String> predicate) {
            headerPredicates.add(Objects.requireNonNull(predicate, "allowHeaders: predicate is null"));
            return this;
        }

        /**
         * Allows any request header but Authorization, which must be allowed by name.
         *
         * @return this builder
         */
        public Builder allowAnyHeader() {
            headers.add(new Setting<>(WILDCARD, "allowAnyHeader"));
            return this;
        }

        /**
         * Lets script read a response header beyond the CORS-safelisted ones; {@code "*"} all of them
         * (refused with credentials). Default: none.
         *
         * @param header a response header name, or {@code "*"}
         * @return this builder
         */
        public Builder exposeHeader(String header) {
            exposedHeaders.add(new Setting<>(requireText("exposeHeader", "header", header), "exposeHeader"));
            return this;
        }

        /**
         * Sends {@code Access-Control-Allow-Credentials: true}, so that browsers send cookies and let
         * script read the answer. Refused with any origin, and with plain-http origins other than
         * loopback unless {@link #allowInsecureOrigins(boolean)}. Default {@code false}.
         *
         * @param allow whether to send {@code Access-Control-Allow-Credentials: true}
         * @return this builder
         */
        public Builder allowCredentials(boolean allow) {
            return allowCredentials(allow, "allowCredentials");
        }

        /**
         * How long browsers may cache a preflight answer, in whole seconds; zero omits
         * {@code Access-Control-Max-Age}. Default one day (Chromium caps it at two hours).
         *
         * @param maxAge zero or longer; a fraction of a second is dropped
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge: maxAge is null");
            return maxAge(maxAge.getSeconds(), "maxAge");
        }

        /**
         * Whether a request the policy refuses passes untouched when it comes from the server's own
         * origin: its {@code Sec-Fetch-Site} says {@code same-origin}, or its {@code Origin} is the
         * origin the request was addressed to. Default {@code true}.
         *
         * @param allow whether same-origin requests pass untouched
         * @return this builder
         */
        public Builder allowSameOrigin(boolean allow) {
            return allowSameOrigin(allow, "allowSameOrigin");
        }

        /**
         * Whether actual requests may carry a content type other than the CORS-safelisted
         * {@code text/plain}, {@code multipart/form-data} and {@code application/x-www-form-urlencoded}.
         * Default {@code false}.
         *
         * @param allow whether any content type may be sent
         * @return this builder
         */
        public Builder allowNonSimpleContentTypes(boolean allow) {
            allowNonSimpleContentTypes = allow;
            return this;
        }

        /**
         * Whether a preflight carrying {@code Access-Control-Request-Private-Network: true} is answered
         * with {@code Access-Control-Allow-Private-Network: true}. Refused with any origin. Default
         * {@code false}.
         *
         * @param allow whether private-network preflights are answered with permission
         * @return this builder
         */
        public Builder allowPrivateNetwork(boolean allow) {
            return allowPrivateNetwork(allow, "allowPrivateNetwork");
        }

        /**
         * Whether an actual request from a disallowed origin is answered 403 without reaching the
         * resource; {@code false} lets it through without CORS headers. Default {@code true}.
         *
         * @param reject whether disallowed actual requests are answered 403
         * @return this builder
         */
        public Builder rejectDisallowed(boolean reject) {
            return rejectDisallowed(reject, "rejectDisallowed");
        }

        /**
         * The status of a successful preflight answer: 200 or 204. Default 204.
         *
         * @param status 200 or 204
         * @return this builder
         */
        public Builder preflightStatus(int status) {
            return preflightStatus(status, "preflightStatus");
        }

        /**
         * Whether {@code Forwarded} / {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port} are
         * used to find the server's own origin. Turn on only behind a proxy that sets them. Default
         * {@code false}.
         *
         * @param trust whether forwarding headers are believed
         * @return this builder
         */
        public Builder trustForwardedHeaders(boolean trust) {
            return trustForwardedHeaders(trust, "trustForwardedHeaders");
        }

        /**
         * Dangerous: allows plain-{@code http} origins other than loopback together with credentials.
         * Anyone on the network path between such a page and its users can read and alter its
         * traffic, and with it your users' credentialed answers. Default {@code false}.
         *
         * @param allow whether insecure origins may be allowed with credentials
         * @return this builder
         */
        public Builder allowInsecureOrigins(boolean allow) {
            return allowInsecureOrigins(allow, "allowInsecureOrigins");
        }

        /**
         * Validates every setting and returns the policy.
         *
         * @return the policy, immutable
         * @throws CorsConfigException listing every problem found
         */
        public CorsPolicy build() {
            List<Problem> found = new ArrayList<>(problems);
            Validated v = new Validated();
            validateOrigins(v, found);
            validateMethods(v, found);
            validateHeaders(v, found);
            validateExposedHeaders(v, found);
            if (maxAge.value < 0) {
                found.add(new Problem(maxAge.source, Long.toString(maxAge.value), maxAge.value
                        + " is negative; use 0 to omit Access-Control-Max-Age"));
            }
            if (preflightStatus.value != 200 && preflightStatus.value != 204) {
                found.add(new Problem(preflightStatus.source, Long.toString(preflightStatus.value), preflightStatus.value
                        + " is not a preflight status; use 204 (the default) or 200"));
            }
            validateCombinations(v, found);
            if (!found.isEmpty()) {
                throw new CorsConfigException(found);
            }
            return new CorsPolicy(this, v);
        }

        private void validateOrigins(Validated v, List<Problem> found) {
            for (Setting<String> s : origins) {
                String value = s.value.trim();
                if (WILDCARD.equals(value)) {
                    v.anyOrigin = s.source;
                    continue;
                }
                try {
                    OriginSpec spec = OriginSpec.parse(value);
                    if (!v.origins.contains(spec)) {
                        v.origins.add(spec);
                        v.originSources.add(s);
                    }
                } catch (OriginSpec.InvalidOrigin e) {
                    found.add(new Problem(s.source, s.value, "'" + s.value + "' " + e.getMessage()));
                }
            }
        }

        private void validateMethods(Validated v, List<Problem> found) {
            for (Setting<String> s : methods) {
                String value = s.value.trim();
                if (WILDCARD.equals(value)) {
                    v.anyMethod = true;
                } else if (!HttpTokens.isToken(value)) {
                    found.add(new Problem(s.source, s.value, "'" + s.value + "' is not a method name (an HTTP token, e.g. PUT)"));
                } else if (HttpTokens.isForbiddenMethod(value)) {
                    found.add(new Problem(s.source, s.value, "'" + s.value + "' is a forbidden method that browsers never send; remove it"));
                } else {
                    v.methods.add(HttpTokens.normalizeMethod(value));
                }
            }
        }

        private void validateHeaders(Validated v, List<Problem> found) {
            for (Setting<String> s : headers) {
                String value = s.value.trim();
                if (WILDCARD.equals(value)) {
                    v.anyHeader = true;
                    continue;
                }
                boolean prefix = value.endsWith(WILDCARD);
                String name = (prefix ? value.substring(0, value.length() - 1) : value).toLowerCase(Locale.ROOT);
                if (!HttpTokens.isToken(name) || name.indexOf('*') >= 0) {
                    found.add(s.source.equals("allowHeadersPrefixed")
                            ? new Problem(s.source, name, "'" + s.value.substring(0, s.value.length() - 1)
                                    + "' is not the start of a header name (an HTTP token, e.g. X-Custom-)")
                            : new Problem(s.source, s.value, "'" + s.value + "' is not a header name (an HTTP token"
                                    + (prefix ? "; a prefix ends with a single '*', e.g. X-Custom-*)" : ", e.g. X-Request-Id)")));
                } else if (HttpTokens.isForbiddenRequestHeader(name)
                        || prefix && (name.startsWith("sec-") || name.startsWith("proxy-")
                                || "sec-".startsWith(name) || "proxy-".startsWith(name))) {
                    found.add(new Problem(s.source, s.value, "'" + s.value + "' is a forbidden request header that "
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
                String value = s.value.trim();
                if (WILDCARD.equals(value)) {
                    v.anyExposedHeader = s.source;
                } else if (!HttpTokens.isToken(value)) {
                    found.add(new Problem(s.source, s.value, "'" + s.value + "' is not a header name (an HTTP token, e.g. X-Total-Count)"));
                } else if (HttpTokens.isForbiddenResponseHeader(value)) {
                    found.add(new Problem(s.source, s.value, "'" + s.value + "' is never exposed to script by browsers; remove it"));
                } else {
                    v.exposedHeaders.add(value);
                }
            }
        }

        /** Settings that are valid alone but unsafe together. */
        private void validateCombinations(Validated v, List<Problem> found) {
            if (allowCredentials.value) {
                String credentials = " (" + allowCredentials.source + " = true)";
                if (v.anyOrigin != null) {
                    found.add(new Problem(v.anyOrigin, WILDCARD, "'*' cannot be combined with credentials" + credentials
                            + ": any site could read your users' data. "
                            + "List the origins explicitly, or use a '*.' pattern such as 'https://*.example.com'"));
                }
                if (v.anyExposedHeader != null) {
                    found.add(new Problem(v.anyExposedHeader, WILDCARD, "'*' cannot be combined with credentials" + credentials
                            + ": browsers then read it as a header named '*'. List the exposed headers explicitly"));
                }
                if (!allowInsecureOrigins.value) {
                    for (int i = 0; i < v.origins.size(); i++) {
                        if (v.origins.get(i).isInsecure()) {
                            Setting<String> s = v.originSources.get(i);
                            found.add(new Problem(s.source, s.value, "'" + s.value + "' is plain http, which cannot be "
                                    + "combined with credentials" + credentials + ": anyone on the network path can read "
                                    + "and alter that page's traffic, and with it your users' credentialed answers. "
                                    + "Use https, or accept the risk with " + insecureOptIn));
                        }
                    }
                }
            }
            if (allowPrivateNetwork.value && v.anyOrigin != null) {
                found.add(new Problem(allowPrivateNetwork.source, "true", "private network access cannot be combined "
                        + "with any origin ('*' in " + v.anyOrigin + "): any website could reach servers on your "
                        + "visitors' private networks through their browsers. List the origins explicitly"));
            }
        }

        private static String requireText(String method, String parameter, String value) {
            Objects.requireNonNull(value, () -> method + ": " + parameter + " is null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(method + ": " + parameter + " is "
                        + (value.isEmpty() ? "empty" : "blank"));
            }
            return value;
        }

        private static void requireTexts(String method, String parameter, List<String> values) {
            Objects.requireNonNull(values, () -> method + ": " + parameter + " is null");
            values.forEach(value -> requireText(method, parameter + " element", value));
        }

        /*
         * Settings from configuration and @Cors, recorded with the key or annotation they came from;
         * a list replaces the inherited one, never adds to it.
         */

        Builder origins(List<String> values, String source) {
            origins.clear();
            originPredicates.clear();
            values.forEach(value -> origins.add(new Setting<>(value, source)));
            return this;
        }

        Builder methods(List<String> values, String source) {
            methods.clear();
            values.forEach(value -> methods.add(new Setting<>(value, source)));
            return this;
        }

        Builder headers(List<String> values, String source) {
            headers.clear();
            headerPredicates.clear();
            values.forEach(value -> headers.add(new Setting<>(value, source)));
            return this;
        }

        Builder exposedHeaders(List<String> values, String source) {
            exposedHeaders.clear();
            values.forEach(value -> exposedHeaders.add(new Setting<>(value, source)));
            return this;
        }

        Builder allowCredentials(boolean allow, String source) {
            allowCredentials = new Setting<>(allow, source);
            return this;
        }

        Builder maxAge(long seconds, String source) {
            maxAge = new Setting<>(seconds, source);
            return this;
        }

        Builder allowSameOrigin(boolean allow, String source) {
            allowSameOrigin = new Setting<>(allow, source);
            return this;
        }

        Builder allowPrivateNetwork(boolean allow, String source) {
            allowPrivateNetwork = new Setting<>(allow, source);
            return this;
        }

        Builder rejectDisallowed(boolean reject, String source) {
            rejectDisallowed = new Setting<>(reject, source);
            return this;
        }

        Builder preflightStatus(long status, String source) {
            preflightStatus = new Setting<>(status, source);
            return this;
        }

        Builder trustForwardedHeaders(boolean trust, String source) {
            trustForwardedHeaders = new Setting<>(trust, source);
            return this;
        }

        Builder allowInsecureOrigins(boolean allow, String source) {
            allowInsecureOrigins = new Setting<>(allow, source);
            return this;
        }

        /** Names the key that opts a configured policy in to insecure origins, for the refusal message. */
        Builder insecureOptIn(String key) {
            insecureOptIn = key + "=true";
            return this;
        }
    }
}
