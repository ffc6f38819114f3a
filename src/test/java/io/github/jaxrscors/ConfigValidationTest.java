package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.internal.config.ConfigReader;
import io.github.jaxrscors.internal.config.Settings;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configurations refused when the application starts: each one alone, with the message a user
 * reads (key, value, reason and fix), and several together reported at once.
 */
class ConfigValidationTest {

    /** A configuration that must be refused with one problem containing every fragment. */
    record Refusal(String description, Map<String, String> config, List<String> fragments) {
        @Override
        public String toString() {
            return description + " " + config;
        }
    }

    static Refusal refusal(String description, String key, String value, String... fragments) {
        return new Refusal(description, Map.of(key, value), List.of(fragments));
    }

    static Refusal origin(String description, String value, String... fragments) {
        String[] all = Stream.concat(Stream.of("cors.allowed-origins", "'" + value + "'"), Stream.of(fragments)).toArray(String[]::new);
        return refusal(description, "cors.allowed-origins", value, all);
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                // origins that are not scheme://host[:port]
                origin("path", "https://example.com/api", "has a path", "write 'https://example.com'"),
                origin("trailing slash", "https://example.com/", "has a trailing slash", "write 'https://example.com'"),
                origin("query", "https://example.com?x=1", "has a query", "write 'https://example.com'"),
                origin("fragment", "https://example.com#top", "has a fragment", "write 'https://example.com'"),
                origin("user info", "https://user@example.com", "has user info", "write 'https://example.com'"),
                origin("user info and password", "https://user:secret@example.com", "has user info"),
                origin("whitespace inside", "https://exa mple.com", "contains whitespace"),
                origin("tab inside", "https://example.com\t:8080", "contains whitespace"),
                origin("no scheme", "example.com", "is not an origin", "scheme://host[:port]"),
                origin("no host", "https://", "has no host"),
                origin("invalid scheme", "ht_tp://example.com", "has an invalid scheme"),
                origin("percent-encoded", "https://exa%6Dple.com", "is percent-encoded"),
                origin("non-ASCII host", "https://bücher.example", "non-ASCII", "punycode"),
                origin("character outside a host", "https://exa$mple.com", "characters other than letters, digits"),
                origin("empty label", "https://a..example.com", "empty label"),
                origin("trailing dot", "https://example.com.", "empty label"),
                origin("label over 63 characters", "https://" + "a".repeat(64) + ".com", "label longer than 63"),
                origin("host over 253 characters", "https://" + "abcdefghi.".repeat(26) + "com", "longer than 253"),
                origin("unclosed IPv6", "http://[::1", "malformed IPv6 literal"),
                origin("unclosed IPv6 with a port", "http://[::1:8080", "malformed IPv6 literal"),
                origin("IPv6 without brackets", "http://::1", "port ':1'"),
                origin("malformed IPv6", "http://[fe80::1%eth0]", "percent-encoded"),
                // ports
                origin("port 0", "https://example.com:0", "port 0", "1-65535"),
                origin("port 65536", "https://example.com:65536", "port 65536", "1-65535"),
                origin("port with leading zero", "https://example.com:0443", "leading zeros"),
                origin("port not a number", "https://example.com:https", "port 'https'", "number from 1 to 65535, or '*'"),
                origin("empty port", "https://example.com:", "port ''"),
                origin("port over five digits", "https://example.com:443443", "port '443443'"),
                // wildcards
                origin("wildcard inside the host", "https://a.*.example.com", "wildcard where none is allowed", "'*.'"),
                origin("wildcard glued to a label", "https://*example.com", "wildcard where none is allowed"),
                origin("wildcard at the end", "https://example.*", "wildcard where none is allowed"),
                origin("two wildcard labels", "https://*.*.example.com", "wildcard where none is allowed"),
                origin("wildcard scheme", "*://example.com", "invalid scheme"),
                origin("wildcard over a single label", "https://*.com", "a public suffix", "https://*.example.com"),
                origin("wildcard over a public suffix", "https://*.co.uk", "over 'co.uk', a public suffix", "Public Suffix List"),
                origin("wildcard over an IPv4 address", "https://*.10.0.0.1", "in front of an IP address"),
                origin("wildcard over an IPv6 address", "https://*.[::1]", "in front of an IP address"),
                // null
                origin("null", "null", "cannot be allowed", "sandboxed"),
                origin("null in upper case", "NULL", "cannot be allowed"),
                // wildcards with credentials
                new Refusal("any origin with credentials", Map.of("cors.allowed-origins", "*", "cors.allow-credentials", "true"),
                        List.of("cors.allowed-origins", "'*' cannot be combined with credentials", "cors.allow-credentials = true",
                                "List the origins explicitly")),
                new Refusal("any exposed header with credentials", Map.of("cors.allowed-origins", "https://example.com",
                        "cors.exposed-headers", "*", "cors.allow-credentials", "TRUE"),
                        List.of("cors.exposed-headers", "'*' cannot be combined with credentials", "List the exposed headers explicitly")),
                new Refusal("named policy opening to any origin over inherited credentials",
                        Map.of("cors.allowed-origins", "https://example.com", "cors.allow-credentials", "true",
                                "cors.policy.public.allowed-origins", "*"),
                        List.of("cors.policy.public.allowed-origins", "'*' cannot be combined with credentials",
                                "cors.allow-credentials = true")),
                // methods
                refusal("method with a space", "cors.allowed-methods", "PU T", "cors.allowed-methods", "'PU T'", "not a method name"),
                refusal("method with a slash", "cors.allowed-methods", "GET/1", "'GET/1'", "not a method name"),
                refusal("CONNECT", "cors.allowed-methods", "CONNECT", "cors.allowed-methods", "'CONNECT'", "forbidden method", "remove it"),
                refusal("TRACE", "cors.allowed-methods", "TRACE", "'TRACE'", "forbidden method"),
                refusal("TRACK", "cors.allowed-methods", "TRACK", "'TRACK'", "forbidden method"),
                refusal("trace in lower case", "cors.allowed-methods", "trace", "'trace'", "forbidden method"),
                refusal("forbidden method in a named policy", "cors.policy.admin.allowed-methods", "TRACE",
                        "cors.policy.admin.allowed-methods", "'TRACE'", "forbidden method"),
                // request headers
                refusal("header with a space", "cors.allowed-headers", "X Token", "cors.allowed-headers", "'X Token'", "not a header name"),
                refusal("header with a colon", "cors.allowed-headers", "X-Token:", "'X-Token:'", "not a header name"),
                refusal("wildcard inside a header", "cors.allowed-headers", "X-*-Id", "'X-*-Id'", "not a header name"),
                refusal("two wildcards ending a header", "cors.allowed-headers", "X-**", "'X-**'", "not a header name"),
                refusal("Sec- header", "cors.allowed-headers", "Sec-Fetch-Mode", "'Sec-Fetch-Mode'", "forbidden request header", "remove it"),
                refusal("Sec- prefix", "cors.allowed-headers", "Sec-*", "'Sec-*'", "forbidden request header"),
                refusal("prefix of Sec-", "cors.allowed-headers", "S*", "'S*'", "forbidden request header"),
                refusal("Proxy- header", "cors.allowed-headers", "Proxy-Authorization", "'Proxy-Authorization'", "forbidden request header"),
                refusal("Proxy- prefix", "cors.allowed-headers", "proxy-*", "'proxy-*'", "forbidden request header"),
                refusal("Cookie", "cors.allowed-headers", "Cookie", "'Cookie'", "forbidden request header"),
                refusal("Host", "cors.allowed-headers", "host", "'host'", "forbidden request header"),
                refusal("Origin", "cors.allowed-headers", "Origin", "'Origin'", "forbidden request header"),
                refusal("Content-Length", "cors.allowed-headers", "Content-Length", "'Content-Length'", "forbidden request header"),
                refusal("Access-Control-Request-Headers", "cors.allowed-headers", "Access-Control-Request-Headers",
                        "forbidden request header"),
                // exposed headers
                refusal("exposed Set-Cookie", "cors.exposed-headers", "Set-Cookie", "cors.exposed-headers", "'Set-Cookie'",
                        "never exposed to script", "remove it"),
                refusal("exposed set-cookie2", "cors.exposed-headers", "set-cookie2", "'set-cookie2'", "never exposed to script"),
                refusal("exposed header with a space", "cors.exposed-headers", "X Total", "'X Total'", "not a header name"),
                // numbers
                refusal("negative max-age", "cors.max-age", "-1", "cors.max-age", "-1", "is negative", "use 0 to omit"),
                refusal("max-age not a number", "cors.max-age", "1d", "cors.max-age", "'1d'", "not a whole number"),
                refusal("max-age with a fraction", "cors.max-age", "1.5", "'1.5'", "not a whole number"),
                refusal("preflight status 201", "cors.preflight-status", "201", "cors.preflight-status", "201",
                        "not a preflight status", "use 204 (the default) or 200"),
                refusal("preflight status 403", "cors.preflight-status", "403", "not a preflight status"),
                refusal("preflight status not a number", "cors.preflight-status", "ok", "'ok'", "not a whole number"),
                refusal("negative max-age in a named policy", "cors.policy.admin.max-age", "-5", "cors.policy.admin.max-age", "is negative"),
                // booleans
                refusal("yes", "cors.allow-credentials", "yes", "cors.allow-credentials", "'yes'", "not a boolean", "write true or false"),
                refusal("1", "cors.allow-credentials", "1", "'1'", "not a boolean"),
                refusal("on", "cors.allow-same-origin", "on", "cors.allow-same-origin", "'on'", "not a boolean"),
                refusal("no", "cors.trust-forwarded-headers", "no", "cors.trust-forwarded-headers", "'no'", "not a boolean"),
                refusal("Y", "cors.allow-private-network", "Y", "cors.allow-private-network", "'Y'", "not a boolean"),
                refusal("off", "cors.reject-disallowed", "off", "cors.reject-disallowed", "'off'", "not a boolean"),
                refusal("0 in a named policy", "cors.policy.admin.allow-credentials", "0", "cors.policy.admin.allow-credentials",
                        "not a boolean"),
                // unknown keys
                refusal("singular origin", "cors.allowed-origin", "https://example.com", "cors.allowed-origin", "unknown key",
                        "did you mean cors.allowed-origins?"),
                refusal("American spelling", "cors.allow-credential", "true", "unknown key", "did you mean cors.allow-credentials?"),
                refusal("missing dash", "cors.maxage", "10", "unknown key", "did you mean cors.max-age?"),
                refusal("camel case", "cors.allowedOrigins", "https://*.example.com", "unknown key",
                        "did you mean cors.allowed-origins?"),
                refusal("typo in a named policy", "cors.policy.admin.allowed-header", "X-Token", "cors.policy.admin.allowed-header",
                        "unknown key", "did you mean cors.policy.admin.allowed-headers?"),
                refusal("nothing like a key", "cors.something.completely.different", "1", "unknown key", "known keys are"));
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedWithAMessageNamingKeyValueAndFix(Refusal r) {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(r.config)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems().stream().map(Object::toString).toList()).as(e.getMessage()).hasSize(1);
        assertThat(e.problems().stream().map(Object::toString).toList().get(0)).contains(r.fragments);
        assertThat(e.getMessage()).startsWith("Invalid CORS configuration: ").contains(e.problems().stream().map(Object::toString).toList().get(0));
    }

    @Test
    void theMasterSwitchIsABooleanToo() {
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class,
                () -> ConfigReader.enabled(new Settings(MicroProfileSettings.of(TestConfig.of(Map.of("cors.enabled", "yes"))))));
        assertThat(e.problems().stream().map(Object::toString).toList()).singleElement().asString().contains("cors.enabled", "'yes'", "not a boolean", "write true or false");
    }

    @Test
    void wellFormedValuesOfEveryKindAreNotRefused() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cors.allowed-origins", " https://example.com , HTTPS://*.Example.org:8443, http://localhost:*, http://[::1]:8080, https://a.example.com:443 ");
        values.put("cors.allowed-methods", "PUT, DELETE, PATCH, PROPFIND");
        values.put("cors.allowed-headers", "X-Token, X-Custom-*, Content-Type, Authorization");
        values.put("cors.exposed-headers", "X-Total-Count");
        values.put("cors.allow-credentials", "TRUE");
        values.put("cors.max-age", "0");
        values.put("cors.preflight-status", "200");
        values.put("cors.allow-same-origin", "False");
        values.put("cors.policy.admin.allowed-methods", "*");
        CorsPolicy policy = CorsPolicy.fromConfig(TestConfig.of(values));
        assertThat(policy.allowedOrigins()).containsExactly("https://example.com", "https://*.example.org:8443",
                "http://localhost:*", "http://[::1]:8080", "https://a.example.com");
        assertThat(policy.allowCredentials()).isTrue();
    }

    @Test
    void severalMistakesAreReportedTogether() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cors.allowed-origins", "https://example.com/, null, https://*.com, https://ok.example.com");
        values.put("cors.allowed-methods", "PUT, TRACE");
        values.put("cors.allowed-headers", "X-Token, Cookie");
        values.put("cors.exposed-headers", "Set-Cookie");
        values.put("cors.max-age", "-10");
        values.put("cors.preflight-status", "302");
        values.put("cors.allow-credentials", "yes");
        values.put("cors.alowed-headers", "X-Typo");
        values.put("cors.policy.admin.allowed-methods", "CONNECT");
        CorsConfigException e = catchThrowableOfType(CorsConfigException.class, () -> CorsPolicy.fromConfig(TestConfig.of(values)));

        List<String> expected = List.of("'https://example.com/' has a trailing slash", "'null' cannot be allowed",
                "'https://*.com' puts a wildcard over 'com', a public suffix", "'TRACE' is a forbidden method",
                "'Cookie' is a forbidden request header", "'Set-Cookie' is never exposed", "cors.max-age: -10 is negative",
                "cors.preflight-status: 302 is not a preflight status", "cors.allow-credentials: 'yes' is not a boolean",
                "cors.alowed-headers: unknown key; did you mean cors.allowed-headers?",
                "cors.policy.admin.allowed-methods: 'CONNECT' is a forbidden method");
        assertThat(e.problems().stream().map(Object::toString).toList()).hasSize(expected.size());
        for (String fragment : expected) {
            assertThat(e.problems().stream().map(Object::toString).toList()).as(e.getMessage()).anySatisfy(p -> assertThat(p).contains(fragment));
        }
        assertThat(e.getMessage()).startsWith("Invalid CORS configuration (" + expected.size() + " problems):");
        assertThat(e.getMessage().lines().skip(1)).hasSize(expected.size()).allSatisfy(l -> assertThat(l).startsWith("  - "));
    }

    @Path("r")
    public static class Resource {
        @GET
        public String get() {
            return "resource";
        }
    }

    @Test
    void deploymentFailsWithEveryProblemListed() {
        Config bad = TestConfig.of(Map.of("cors.allowed-origins", "https://example.com/", "cors.allowed-methods", "TRACK"));
        ResourceConfig application = new ResourceConfig(Resource.class).register(new Installation(null, () -> MicroProfileSettings.of(bad)));
        Throwable failure = catchThrowableOfType(Throwable.class, () -> new ApplicationHandler(application));
        assertThat(failure).as("deployment refused").isNotNull();
        CorsConfigException e = causeOfType(failure, CorsConfigException.class);
        assertThat(e).as("caused by CorsConfigException: %s", failure).isNotNull();
        assertThat(e.problems().stream().map(Object::toString).toList()).hasSize(2);
        assertThat(e.getMessage()).contains("cors.allowed-origins", "trailing slash", "cors.allowed-methods", "'TRACK'");
    }

    private static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
