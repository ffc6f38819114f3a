package io.github.jaxrscors.internal.policy;

import static io.github.jaxrscors.internal.policy.Verdict.ALLOWED;
import static io.github.jaxrscors.internal.policy.Verdict.ORIGIN_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsPolicies;
import io.github.jaxrscors.CorsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which request origins a compiled policy allows: matching by parsed scheme, host and port. */
class OriginMatchingTest {

    record Row(String description, List<String> allowed, String origin, Verdict expected) {
        @Override
        public String toString() {
            return description + ": " + origin + " against " + allowed;
        }
    }

    private static final List<String> EXACT = List.of("https://app.example.com");
    private static final List<String> SUBDOMAINS = List.of("https://*.example.com");
    private static final List<String> ANY_PORT = List.of("http://localhost:*");
    private static final List<String> ANY = List.of("*");

    static Stream<Row> rows() {
        return Stream.of(
                new Row("exact", EXACT, "https://app.example.com", ALLOWED),
                new Row("scheme case-insensitive", EXACT, "HTTPS://app.example.com", ALLOWED),
                new Row("host case-insensitive", EXACT, "https://APP.Example.Com", ALLOWED),
                new Row("default port 443 normalised", EXACT, "https://app.example.com:443", ALLOWED),
                new Row("default port 80 normalised", List.of("http://app.example.com"), "http://app.example.com:80", ALLOWED),
                new Row("configured default port normalised", List.of("https://app.example.com:443"), "https://app.example.com", ALLOWED),
                new Row("other scheme", EXACT, "http://app.example.com", ORIGIN_NOT_ALLOWED),
                new Row("other port", EXACT, "https://app.example.com:8443", ORIGIN_NOT_ALLOWED),
                new Row("http's default port is not https's", List.of("https://app.example.com"), "https://app.example.com:80", ORIGIN_NOT_ALLOWED),
                new Row("other host", EXACT, "https://api.example.com", ORIGIN_NOT_ALLOWED),
                new Row("subdomain of an exact origin", EXACT, "https://x.app.example.com", ORIGIN_NOT_ALLOWED),
                new Row("exact origin's parent", EXACT, "https://example.com", ORIGIN_NOT_ALLOWED),
                new Row("same suffix characters", EXACT, "https://evilapp.example.com", ORIGIN_NOT_ALLOWED),
                new Row("origin as prefix of another host", EXACT, "https://app.example.com.evil.com", ORIGIN_NOT_ALLOWED),
                new Row("exact port required", List.of("http://localhost:3000"), "http://localhost:3001", ORIGIN_NOT_ALLOWED),
                new Row("exact port matches", List.of("http://localhost:3000"), "http://localhost:3000", ALLOWED),
                new Row("exact port, none sent", List.of("http://localhost:3000"), "http://localhost", ORIGIN_NOT_ALLOWED),
                new Row("IPv6", List.of("http://[::1]:8080"), "http://[::1]:8080", ALLOWED),
                new Row("IPv6 other port", List.of("http://[::1]:8080"), "http://[::1]:8081", ORIGIN_NOT_ALLOWED),

                new Row("one subdomain label", SUBDOMAINS, "https://a.example.com", ALLOWED),
                new Row("two subdomain labels", SUBDOMAINS, "https://a.b.example.com", ALLOWED),
                new Row("subdomain, upper case", SUBDOMAINS, "HTTPS://A.EXAMPLE.COM", ALLOWED),
                new Row("subdomain, default port", SUBDOMAINS, "https://a.example.com:443", ALLOWED),
                new Row("never the apex", SUBDOMAINS, "https://example.com", ORIGIN_NOT_ALLOWED),
                new Row("never a host that ends with the same characters", SUBDOMAINS, "https://evilexample.com", ORIGIN_NOT_ALLOWED),
                new Row("never a subdomain of such a host", SUBDOMAINS, "https://a.evilexample.com", ORIGIN_NOT_ALLOWED),
                new Row("never the domain inside another", SUBDOMAINS, "https://example.com.evil.com", ORIGIN_NOT_ALLOWED),
                new Row("never a subdomain inside another", SUBDOMAINS, "https://a.example.com.evil.com", ORIGIN_NOT_ALLOWED),
                new Row("never another scheme", SUBDOMAINS, "http://a.example.com", ORIGIN_NOT_ALLOWED),
                new Row("never another port", SUBDOMAINS, "https://a.example.com:8443", ORIGIN_NOT_ALLOWED),
                new Row("never another top-level domain", SUBDOMAINS, "https://a.example.org", ORIGIN_NOT_ALLOWED),
                new Row("subdomains with any port", List.of("https://*.example.com:*"), "https://a.example.com:8443", ALLOWED),
                new Row("subdomains with any port, apex", List.of("https://*.example.com:*"), "https://example.com:8443", ORIGIN_NOT_ALLOWED),

                new Row("any port: a port", ANY_PORT, "http://localhost:5173", ALLOWED),
                new Row("any port: another port", ANY_PORT, "http://localhost:1", ALLOWED),
                new Row("any port: the default port", ANY_PORT, "http://localhost", ALLOWED),
                new Row("any port: other scheme", ANY_PORT, "https://localhost:5173", ORIGIN_NOT_ALLOWED),
                new Row("any port: other host", ANY_PORT, "http://127.0.0.1:5173", ORIGIN_NOT_ALLOWED),
                new Row("any port: a subdomain", ANY_PORT, "http://a.localhost:5173", ORIGIN_NOT_ALLOWED),

                new Row("several origins, second", List.of("https://a.example", "https://b.example", "http://localhost:*"), "https://b.example", ALLOWED),
                new Row("several origins, none", List.of("https://a.example", "https://b.example", "http://localhost:*"), "https://c.example", ORIGIN_NOT_ALLOWED),

                new Row("any origin", ANY, "https://anything.example:1234", ALLOWED),
                new Row("any origin allows null", ANY, "null", ALLOWED),
                new Row("null is not allowed by a list", EXACT, "null", ORIGIN_NOT_ALLOWED),
                new Row("null is not allowed by subdomains", SUBDOMAINS, "null", ORIGIN_NOT_ALLOWED),
                new Row("any origin: still malformed", ANY, "https://example.com/", ORIGIN_NOT_ALLOWED),
                new Row("any origin: two origins joined", ANY, "https://a.example,https://b.example", ORIGIN_NOT_ALLOWED),
                new Row("any origin: too long", ANY, "https://" + "a".repeat(OriginParser.MAX_LENGTH), ORIGIN_NOT_ALLOWED),
                new Row("malformed", EXACT, "app.example.com", ORIGIN_NOT_ALLOWED),
                new Row("nothing configured", List.of(), "https://app.example.com", ORIGIN_NOT_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void checksOrigin(Row row) {
        CorsPolicy.Builder builder = CorsPolicy.builder();
        row.allowed().forEach(builder::allowOrigin);
        OriginMatcher policy = matcher(builder.build());

        assertThat(policy.allows(row.origin())).isEqualTo(row.expected() == ALLOWED);
    }

    @Test
    void manyOriginsAreAllFound() {
        CorsPolicy.Builder builder = CorsPolicy.builder();
        for (int i = 0; i < 200; i++) {
            builder.allowOrigin("https://app" + i + ".example.com");
            builder.allowOrigin("https://*.tenant" + i + ".example.net");
        }
        OriginMatcher policy = matcher(builder.build());

        for (int i = 0; i < 200; i++) {
            assertThat(policy.allows("https://app" + i + ".example.com")).isTrue();
            assertThat(policy.allows("https://x.tenant" + i + ".example.net")).isTrue();
            assertThat(policy.allows("https://tenant" + i + ".example.net")).isFalse();
        }
        assertThat(policy.allows("https://app200.example.com")).isFalse();
    }

    @Test
    void predicateSeesWellFormedOriginsAsSentAfterTheNamedOnes() {
        List<String> seen = new ArrayList<>();
        OriginMatcher policy = matcher(CorsPolicy.builder()
                .allowOrigin("https://named.example")
                .allowOrigins(origin -> {
                    seen.add(origin);
                    return origin.endsWith(".preview.example");
                })
                .build());

        assertThat(policy.allows("https://named.example")).isTrue();
        assertThat(policy.allows("https://pr-12.preview.example")).isTrue();
        assertThat(policy.allows("https://other.example")).isFalse();
        assertThat(policy.allows("https://pr-12.preview.example/")).isFalse();
        assertThat(policy.allows("null")).isFalse();
        assertThat(seen).as("named origins never reach the predicate; malformed ones neither")
                .containsExactly("https://pr-12.preview.example", "https://other.example");
    }

    @Test
    void severalPredicatesAreEachAsked() {
        OriginMatcher policy = matcher(CorsPolicy.builder()
                .allowOrigins(origin -> origin.equals("https://one.example"))
                .allowOrigins(origin -> origin.equals("https://two.example"))
                .build());

        assertThat(policy.allows("https://one.example")).isTrue();
        assertThat(policy.allows("https://two.example")).isTrue();
        assertThat(policy.allows("https://three.example")).isFalse();
    }

    static OriginMatcher matcher(CorsPolicy policy) {
        return OriginMatcher.of(CorsPolicies.validated(policy));
    }
}
