package io.github.jaxrscors.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar of configured origins: what is accepted in which canonical form, and what is refused with which reason. */
class OriginSpecTest {

    record Accepted(String description, String input, String canonical, boolean subdomains, int port) {
        @Override
        public String toString() {
            return description + ": " + input;
        }
    }

    /** {@code fragments}: the key parts of the message, such as the reason and the fix. */
    record Rejected(String description, String input, String... fragments) {
        @Override
        public String toString() {
            return description + ": " + input;
        }
    }

    static Stream<Accepted> accepted() {
        return Stream.of(
                new Accepted("plain https", "https://example.com", "https://example.com", false, OriginParser.DEFAULT_PORT),
                new Accepted("case folded", "HTTPS://App.Example.COM", "https://app.example.com", false, OriginParser.DEFAULT_PORT),
                new Accepted("https default port dropped", "https://example.com:443", "https://example.com", false, OriginParser.DEFAULT_PORT),
                new Accepted("http default port dropped", "http://example.com:80", "http://example.com", false, OriginParser.DEFAULT_PORT),
                new Accepted("non-default port kept", "http://example.com:443", "http://example.com:443", false, 443),
                new Accepted("explicit port", "http://localhost:3000", "http://localhost:3000", false, 3000),
                new Accepted("subdomain wildcard", "https://*.example.com", "https://*.example.com", true, OriginParser.DEFAULT_PORT),
                new Accepted("wildcard two labels above a public suffix", "https://*.mycompany.co.uk", "https://*.mycompany.co.uk", true, OriginParser.DEFAULT_PORT),
                new Accepted("wildcard under a hosting suffix", "https://*.myproject.github.io", "https://*.myproject.github.io", true, OriginParser.DEFAULT_PORT),
                new Accepted("subdomain wildcard with port", "https://*.example.com:8443", "https://*.example.com:8443", true, 8443),
                new Accepted("any port", "http://localhost:*", "http://localhost:*", false, OriginSpec.ANY_PORT),
                new Accepted("wildcard and any port", "https://*.example.com:*", "https://*.example.com:*", true, OriginSpec.ANY_PORT),
                new Accepted("IPv4", "http://127.0.0.1:8080", "http://127.0.0.1:8080", false, 8080),
                new Accepted("IPv6", "http://[::1]:8080", "http://[::1]:8080", false, 8080),
                new Accepted("IPv6 upper case", "http://[2001:DB8::1]", "http://[2001:db8::1]", false, OriginParser.DEFAULT_PORT),
                new Accepted("punycode", "https://xn--bcher-kva.example", "https://xn--bcher-kva.example", false, OriginParser.DEFAULT_PORT),
                new Accepted("single label", "http://localhost", "http://localhost", false, OriginParser.DEFAULT_PORT),
                new Accepted("highest port", "http://localhost:65535", "http://localhost:65535", false, 65535));
    }

    static Stream<Rejected> rejected() {
        return Stream.of(
                new Rejected("trailing slash", "https://example.com/", "a trailing slash", "write 'https://example.com'"),
                new Rejected("trailing slash after port", "http://localhost:3000/", "a trailing slash", "write 'http://localhost:3000'"),
                new Rejected("path", "https://example.com/app", "a path", "write 'https://example.com'"),
                new Rejected("query", "https://example.com?x=1", "a query", "write 'https://example.com'"),
                new Rejected("fragment", "https://example.com#top", "a fragment", "write 'https://example.com'"),
                new Rejected("user info", "https://user:pw@example.com", "user info", "write 'https://example.com'"),
                new Rejected("space", "https://exa mple.com", "whitespace"),
                new Rejected("tab", "https://example.com\t", "whitespace or a control character"),
                new Rejected("empty", "", "is empty", "https://example.com"),
                new Rejected("no scheme", "example.com", "expected scheme://host[:port]"),
                new Rejected("bad scheme", "1http://example.com", "invalid scheme"),
                new Rejected("wildcard scheme", "*://example.com", "invalid scheme"),
                new Rejected("no host", "https://", "has no host"),
                new Rejected("port 0", "https://example.com:0", "port 0", "outside 1-65535"),
                new Rejected("port 65536", "https://example.com:65536", "port 65536", "outside 1-65535"),
                new Rejected("leading zero", "https://example.com:0443", "leading zeros"),
                new Rejected("non-numeric port", "https://example.com:https", "a port is a number from 1 to 65535"),
                new Rejected("empty port", "https://example.com:", "a port is a number from 1 to 65535"),
                new Rejected("six-digit port", "https://example.com:100000", "a port is a number from 1 to 65535"),
                new Rejected("wildcard in the middle", "https://app.*.example.com", "wildcard where none is allowed", "'*.'"),
                new Rejected("wildcard at the end", "https://example.*", "wildcard where none is allowed"),
                new Rejected("wildcard glued to a label", "https://*example.com", "wildcard where none is allowed"),
                new Rejected("two wildcard labels", "https://*.*.example.com", "wildcard where none is allowed"),
                new Rejected("partial port wildcard", "http://localhost:80*", "a port is a number from 1 to 65535"),
                new Rejected("wildcard over a top-level domain", "https://*.com", "a public suffix", "https://*.example.com"),
                new Rejected("wildcard over a second-level public suffix", "https://*.co.uk", "over 'co.uk', a public suffix"),
                new Rejected("wildcard over a hosting suffix", "https://*.github.io", "over 'github.io', a public suffix"),
                new Rejected("wildcard over a platform suffix", "https://*.vercel.app", "over 'vercel.app', a public suffix"),
                new Rejected("wildcard over bucket names", "https://*.s3.amazonaws.com", "a public suffix"),
                new Rejected("wildcard over a name with suffixes below", "https://*.amazonaws.com", "has public suffixes below it"),
                new Rejected("wildcard over blog names", "https://*.blogspot.com", "a public suffix"),
                new Rejected("wildcard over an internationalised suffix", "https://*.xn--55qx5d.cn", "a public suffix"),
                new Rejected("wildcard over an unlisted top-level domain", "https://*.internal", "a public suffix"),
                new Rejected("wildcard over an IPv4 address", "https://*.0.0.1", "in front of an IP address"),
                new Rejected("wildcard over an IPv6 address", "https://*.[::1]", "in front of an IP address"),
                new Rejected("null", "null", "cannot be allowed", "sandboxed"),
                new Rejected("NULL", "NULL", "cannot be allowed"),
                new Rejected("non-ASCII host", "https://bücher.example", "non-ASCII", "punycode"),
                new Rejected("percent-encoded host", "https://b%C3%BCcher.example", "percent-encoded"),
                new Rejected("trailing dot", "https://example.com.", "empty label"),
                new Rejected("double dot", "https://example..com", "empty label"),
                new Rejected("bad host character", "https://exa$mple.com", "characters other than letters, digits"),
                new Rejected("label too long", "https://" + "a".repeat(64) + ".com", "longer than 63"),
                new Rejected("host too long", "https://" + ("a".repeat(60) + ".").repeat(5) + "com", "longer than 253"),
                new Rejected("malformed IPv6", "http://[::g]", "malformed IPv6"),
                new Rejected("unclosed IPv6", "http://[::1", "malformed IPv6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(Accepted row) throws OriginSpec.InvalidOrigin {
        OriginSpec spec = OriginSpec.parse(row.input());

        assertThat(spec.toString()).as("canonical form").isEqualTo(row.canonical());
        assertThat(spec.subdomains()).as("subdomains").isEqualTo(row.subdomains());
        assertThat(spec.port()).as("port").isEqualTo(row.port());
        assertThat(OriginSpec.parse(spec.toString())).as("the canonical form parses to the same spec").isEqualTo(spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(Rejected row) {
        assertThatThrownBy(() -> OriginSpec.parse(row.input()))
                .isInstanceOf(OriginSpec.InvalidOrigin.class)
                .message().contains(row.fragments());
    }
}
