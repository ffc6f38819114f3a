package io.github.jaxrscors;

import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.policy.Policy;
import io.github.jaxrscors.internal.policy.PolicyDraft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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

    private final Policy policy;

    CorsPolicy(Policy policy) {
        this.policy = policy;
    }

    /** The validated settings, for the feature that installs this policy. */
    Policy policy() {
        return policy;
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
        return new CorsPolicy(ConfigReader.read(new Settings(MicroProfileSettings.of(config)), null, Set.of()).defaultPolicy());
    }

    /**
     * {@return the allowed origins in canonical form (lower case, default port omitted), {@code "*"}
     * for any origin} Origins allowed by a predicate are not listed. Default: none.
     */
    public List<String> allowedOrigins() {
        List<String> list = new ArrayList<>();
        if (policy.anyOrigin()) {
            list.add(Policy.WILDCARD);
        }
        list.addAll(policy.origins());
        return Collections.unmodifiableList(list);
    }

    /** {@return the allowed methods: always GET, HEAD and POST; {@code "*"} for any} Default: GET, HEAD, POST. */
    public Set<String> allowedMethods() {
        return withWildcard(policy.methods(), policy.anyMethod());
    }

    /**
     * {@return the allowed request header names in lower case, prefixes as {@code "x-custom-*"},
     * {@code "*"} for any (Authorization must still be named)} Accept, Accept-Language and
     * Content-Language are always allowed and not listed. Default: none.
     */
    public Set<String> allowedHeaders() {
        Set<String> all = new LinkedHashSet<>(policy.headers());
        policy.headerPrefixes().forEach(p -> all.add(p + Policy.WILDCARD));
        return withWildcard(all, policy.anyHeader());
    }

    /** {@return the response headers exposed to script, {@code "*"} for all} Default: none. */
    public Set<String> exposedHeaders() {
        return withWildcard(policy.exposedHeaders(), policy.anyExposedHeader());
    }

    private static Set<String> withWildcard(Set<String> names, boolean wildcard) {
        Set<String> all = new LinkedHashSet<>(names);
        if (wildcard) {
            all.add(Policy.WILDCARD);
        }
        return Collections.unmodifiableSet(all);
    }

    /** {@return whether {@code Access-Control-Allow-Credentials: true} is sent} Default {@code false}. */
    public boolean allowCredentials() {
        return policy.allowCredentials();
    }

    /** {@return how long a browser may cache a preflight answer; zero omits the header} Default one day. */
    public Duration maxAge() {
        return policy.maxAge();
    }

    /**
     * {@return whether a request the policy refuses passes untouched when it comes from the server's
     * own origin} Default {@code true}.
     */
    public boolean allowSameOrigin() {
        return policy.allowSameOrigin();
    }

    /**
     * {@return whether actual requests may carry a non-CORS-safelisted {@code Content-Type} (such as
     * {@code application/json})} Default {@code false}; allowing the {@code Content-Type} header (or
     * any header) turns it on.
     */
    public boolean allowNonSimpleContentTypes() {
        return policy.allowNonSimpleContentTypes();
    }

    /** {@return whether a private-network preflight is answered with permission} Default {@code false}. */
    public boolean allowPrivateNetwork() {
        return policy.allowPrivateNetwork();
    }

    /**
     * {@return whether an actual request from a disallowed origin gets 403 without reaching the
     * resource} {@code false} lets it through without CORS headers. Default {@code true}.
     */
    public boolean rejectDisallowed() {
        return policy.rejectDisallowed();
    }

    /** {@return the status of a successful preflight answer, 200 or 204} Default 204. */
    public int preflightStatus() {
        return policy.preflightStatus();
    }

    /**
     * {@return whether {@code Forwarded} and {@code X-Forwarded-*} headers are believed when finding
     * the server's own origin} Default {@code false}: only behind a proxy that sets them.
     */
    public boolean trustForwardedHeaders() {
        return policy.trustForwardedHeaders();
    }

    /**
     * {@return whether plain-{@code http} origins other than loopback may be allowed together with
     * credentials} Default {@code false}.
     */
    public boolean allowInsecureOrigins() {
        return policy.allowInsecureOrigins();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorsPolicy p && policy.equals(p.policy);
    }

    @Override
    public int hashCode() {
        return policy.hashCode();
    }

    @Override
    public String toString() {
        return policy.toString();
    }

    /**
     * Collects settings and validates them all at {@link #build()}. Its methods mirror Ktor's CORS
     * plugin. A null, empty or blank argument is refused at the call; every other mistake is recorded
     * and reported at {@link #build()}, together with all the others.
     */
    public static final class Builder {

        private final PolicyDraft draft = new PolicyDraft();

        private Builder() {
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
            draft.addOrigin(requireText("allowOrigin", "origin", origin), "allowOrigin");
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
            if (Policy.WILDCARD.equals(host)) {
                return allowAnyOrigin();
            }
            if (host.contains("://")) {
                draft.addProblem(new Problem("allowHost", host, "'" + host + "' is an origin, not a host; write allowHost(\""
                        + host.substring(host.indexOf("://") + 3) + "\", List.of(\""
                        + host.substring(0, host.indexOf("://")) + "\")) or allowOrigin(\"" + host + "\")"));
                return this;
            }
            if (schemes.isEmpty()) {
                draft.addProblem(new Problem("allowHost", host, "'" + host
                        + "' is given no scheme; list at least one, e.g. List.of(\"https\")"));
            }
            for (String scheme : schemes) {
                draft.addOrigin(scheme + "://" + host, "allowHost");
                for (String sub : subDomains) {
                    draft.addOrigin(scheme + "://" + sub + "." + host, "allowHost");
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
            draft.addOrigin(Policy.WILDCARD, "allowAnyOrigin");
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
            draft.addOriginPredicate(Objects.requireNonNull(predicate, "allowOrigins: predicate is null"));
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
            draft.addMethod(requireText("allowMethod", "method", method), "allowMethod");
            return this;
        }

        /**
         * Allows any method (browsers never send CONNECT, TRACE or TRACK).
         *
         * @return this builder
         */
        public Builder allowAnyMethod() {
            draft.addMethod(Policy.WILDCARD, "allowAnyMethod");
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
            draft.addHeader(requireText("allowHeader", "header", header), "allowHeader");
            return this;
        }

        /**
         * Allows every request header starting with {@code prefix}, case-insensitively.
         *
         * @param prefix the start of the header names to allow, such as {@code X-Custom-}
         * @return this builder
         */
        public Builder allowHeadersPrefixed(String prefix) {
            draft.addHeader(requireText("allowHeadersPrefixed", "prefix", prefix) + Policy.WILDCARD, "allowHeadersPrefixed");
            return this;
        }

        /**
         * Allows every request header the predicate accepts; it receives the name in lower case.
         *
         * @param predicate accepts the lower-case header names to allow
         * @return this builder
         */
        public Builder allowHeaders(Predicate<String> predicate) {
            draft.addHeaderPredicate(Objects.requireNonNull(predicate, "allowHeaders: predicate is null"));
            return this;
        }

        /**
         * Allows any request header but Authorization, which must be allowed by name.
         *
         * @return this builder
         */
        public Builder allowAnyHeader() {
            draft.addHeader(Policy.WILDCARD, "allowAnyHeader");
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
            draft.addExposedHeader(requireText("exposeHeader", "header", header), "exposeHeader");
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
            draft.allowCredentials(allow, "allowCredentials");
            return this;
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
            draft.maxAge(maxAge.getSeconds(), "maxAge");
            return this;
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
            draft.allowSameOrigin(allow, "allowSameOrigin");
            return this;
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
            draft.allowNonSimpleContentTypes(allow);
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
            draft.allowPrivateNetwork(allow, "allowPrivateNetwork");
            return this;
        }

        /**
         * Whether an actual request from a disallowed origin is answered 403 without reaching the
         * resource; {@code false} lets it through without CORS headers. Default {@code true}.
         *
         * @param reject whether disallowed actual requests are answered 403
         * @return this builder
         */
        public Builder rejectDisallowed(boolean reject) {
            draft.rejectDisallowed(reject, "rejectDisallowed");
            return this;
        }

        /**
         * The status of a successful preflight answer: 200 or 204. Default 204.
         *
         * @param status 200 or 204
         * @return this builder
         */
        public Builder preflightStatus(int status) {
            draft.preflightStatus(status, "preflightStatus");
            return this;
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
            draft.trustForwardedHeaders(trust, "trustForwardedHeaders");
            return this;
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
            draft.allowInsecureOrigins(allow, "allowInsecureOrigins");
            return this;
        }

        /**
         * Validates every setting and returns the policy.
         *
         * @return the policy, immutable
         * @throws CorsConfigException listing every problem found
         */
        public CorsPolicy build() {
            return new CorsPolicy(draft.validate());
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
    }
}
