package io.github.jaxrscors.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The request's {@code Origin} parser: what it accepts, what it refuses, and what the accessors return. */
class OriginParserTest {

    record Accepted(String description, String origin, String scheme, String host, int port) {
        @Override
        public String toString() {
            return description + ": " + origin;
        }
    }

    record Rejected(String description, String origin) {
        @Override
        public String toString() {
            return description + ": " + origin;
        }
    }

    static Stream<Accepted> accepted() {
        return Stream.of(
                new Accepted("https, no port", "https://example.com", "https", "example.com", OriginParser.DEFAULT_PORT),
                new Accepted("http, explicit port", "http://example.com:8080", "http", "example.com", 8080),
                new Accepted("upper case kept as sent", "HTTPS://Example.COM", "HTTPS", "Example.COM", OriginParser.DEFAULT_PORT),
                new Accepted("https default port normalised", "https://example.com:443", "https", "example.com", OriginParser.DEFAULT_PORT),
                new Accepted("http default port normalised", "http://example.com:80", "http", "example.com", OriginParser.DEFAULT_PORT),
                new Accepted("upper-case scheme default port normalised", "HTTP://example.com:80", "HTTP", "example.com", OriginParser.DEFAULT_PORT),
                new Accepted("443 is not http's default", "http://example.com:443", "http", "example.com", 443),
                new Accepted("80 is not https's default", "https://example.com:80", "https", "example.com", 80),
                new Accepted("wss default port normalised", "wss://example.com:443", "wss", "example.com", OriginParser.DEFAULT_PORT),
                new Accepted("lowest port", "http://localhost:1", "http", "localhost", 1),
                new Accepted("highest port", "http://localhost:65535", "http", "localhost", 65535),
                new Accepted("IPv4", "http://127.0.0.1:3000", "http", "127.0.0.1", 3000),
                new Accepted("IPv6 loopback", "http://[::1]", "http", "[::1]", OriginParser.DEFAULT_PORT),
                new Accepted("IPv6 with port", "http://[2001:db8::1]:8080", "http", "[2001:db8::1]", 8080),
                new Accepted("IPv6 default port normalised", "https://[::1]:443", "https", "[::1]", OriginParser.DEFAULT_PORT),
                new Accepted("scheme with + - .", "git+ssh.x-y://host", "git+ssh.x-y", "host", OriginParser.DEFAULT_PORT),
                new Accepted("hyphen and underscore in host", "https://my-app_1.example.com", "https", "my-app_1.example.com", OriginParser.DEFAULT_PORT),
                new Accepted("punycode host", "https://xn--bcher-kva.example", "https", "xn--bcher-kva.example", OriginParser.DEFAULT_PORT),
                new Accepted("single-label host", "http://localhost", "http", "localhost", OriginParser.DEFAULT_PORT),
                new Accepted("exactly MAX_LENGTH", "https://" + "a".repeat(OriginParser.MAX_LENGTH - 8),
                        "https", "a".repeat(OriginParser.MAX_LENGTH - 8), OriginParser.DEFAULT_PORT));
    }

    static Stream<Rejected> rejected() {
        return Stream.of(
                new Rejected("empty", ""),
                new Rejected("null", "null"),
                new Rejected("no scheme", "example.com"),
                new Rejected("empty scheme", "://example.com"),
                new Rejected("scheme starting with a digit", "1http://example.com"),
                new Rejected("scheme with a bad character", "ht_tp://example.com"),
                new Rejected("one slash", "https:/example.com"),
                new Rejected("no slash", "https:example.com"),
                new Rejected("no host", "https://"),
                new Rejected("port without host", "https://:443"),
                new Rejected("path", "https://example.com/path"),
                new Rejected("trailing slash", "https://example.com/"),
                new Rejected("query", "https://example.com?q=1"),
                new Rejected("fragment", "https://example.com#top"),
                new Rejected("user info", "https://user@example.com"),
                new Rejected("user and password", "https://user:pw@example.com"),
                new Rejected("space inside", "https://exa mple.com"),
                new Rejected("trailing space", "https://example.com "),
                new Rejected("leading space", " https://example.com"),
                new Rejected("tab", "https://example.com\t"),
                new Rejected("CR LF", "https://example.com\r\nX-Evil: 1"),
                new Rejected("percent-encoded", "https://ex%61mple.com"),
                new Rejected("trailing dot", "https://example.com."),
                new Rejected("leading dot", "https://.example.com"),
                new Rejected("empty label", "https://example..com"),
                new Rejected("non-ASCII host", "https://bücher.example"),
                new Rejected("comma (two origins joined)", "https://a.example,https://b.example"),
                new Rejected("wildcard", "https://*.example.com"),
                new Rejected("empty port", "https://example.com:"),
                new Rejected("port 0", "https://example.com:0"),
                new Rejected("port 65536", "https://example.com:65536"),
                new Rejected("port 99999", "https://example.com:99999"),
                new Rejected("six-digit port", "https://example.com:123456"),
                new Rejected("leading zero", "https://example.com:0443"),
                new Rejected("leading zeros", "https://example.com:00080"),
                new Rejected("letters in port", "https://example.com:8o8o"),
                new Rejected("signed port", "https://example.com:+80"),
                new Rejected("two ports", "https://example.com:80:80"),
                new Rejected("empty IPv6", "http://[]"),
                new Rejected("unclosed IPv6", "http://[::1"),
                new Rejected("IPv6 with a non-hex digit", "http://[::g]"),
                new Rejected("junk after IPv6", "http://[::1]x"),
                new Rejected("one over MAX_LENGTH", "https://" + "a".repeat(OriginParser.MAX_LENGTH - 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(Accepted row) {
        long parsed = OriginParser.parse(row.origin());

        assertThat(parsed).as("parsed").isNotEqualTo(OriginParser.MALFORMED);
        assertThat(row.origin().substring(0, OriginParser.schemeEnd(parsed))).as("scheme").isEqualTo(row.scheme());
        assertThat(row.origin().substring(OriginParser.hostStart(parsed), OriginParser.hostEnd(parsed))).as("host").isEqualTo(row.host());
        assertThat(OriginParser.port(parsed)).as("port").isEqualTo(row.port());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(Rejected row) {
        assertThat(OriginParser.parse(row.origin())).isEqualTo(OriginParser.MALFORMED);
    }

    @Test
    void lengthCapCoversAnyRealOrigin() {
        String longestRealOrigin = "https://" + "a".repeat(253) + ":65535";

        assertThat(OriginParser.parse(longestRealOrigin)).isNotEqualTo(OriginParser.MALFORMED);
    }

    @Test
    void knowsTheDefaultPortsOfWebSchemesOnly() {
        assertThat(OriginParser.defaultPort("http", 0, 4)).isEqualTo(80);
        assertThat(OriginParser.defaultPort("HTTPS", 0, 5)).isEqualTo(443);
        assertThat(OriginParser.defaultPort("ws", 0, 2)).isEqualTo(80);
        assertThat(OriginParser.defaultPort("wss", 0, 3)).isEqualTo(443);
        assertThat(OriginParser.defaultPort("ftp", 0, 3)).isEqualTo(-1);
        assertThat(OriginParser.parse("ftp://example.com:21")).as("no default port to normalise for ftp")
                .extracting(OriginParser::port).isEqualTo(21);
    }
}
