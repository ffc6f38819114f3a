package io.github.jaxrscors.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.jaxrscors.CorsPolicy;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The origin grammar checked against a plain reference written from its definition: a regular
 * expression for {@code scheme://host[:port]} and a suffix comparison for {@code *.} specs. The
 * library does the same without regex or allocation; any disagreement is a bug in one of the two.
 */
class OriginGrammarPropertiesTest {

    static final int TRIES = 1000;

    /** scheme "://" (dot-separated non-empty labels | [IPv6]) [":" port without leading zero]. */
    private static final Pattern ORIGIN = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*)://([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*|\\[[0-9A-Fa-f:.]+\\])(?::([1-9][0-9]{0,4}))?");

    private static final Pattern SPEC = Pattern.compile("([a-z][a-z0-9+.-]*)://(\\*\\.)?([^:]+)(?::(\\*|[0-9]+))?");

    /** A request origin as the reference reads it; null when malformed. */
    record RefOrigin(String scheme, String host, int port) {
        static RefOrigin parse(String origin) {
            if (origin.length() > OriginParser.MAX_LENGTH) {
                return null;
            }
            Matcher m = ORIGIN.matcher(origin);
            if (!m.matches()) {
                return null;
            }
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            int port = m.group(3) == null ? defaultPort(scheme) : Integer.parseInt(m.group(3));
            return port > 65535 ? null : new RefOrigin(scheme, m.group(2).toLowerCase(Locale.ROOT), port);
        }
    }

    /** A configured origin as the reference reads it; port -2 is any port. */
    record RefSpec(String scheme, String host, int port, boolean subdomains) {
        static RefSpec parse(String spec) {
            Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException(spec);
            }
            String scheme = m.group(1);
            int port = m.group(4) == null ? defaultPort(scheme) : m.group(4).equals("*") ? -2 : Integer.parseInt(m.group(4));
            return new RefSpec(scheme, m.group(3), port, m.group(2) != null);
        }

        boolean matches(RefOrigin o) {
            return scheme.equals(o.scheme)
                    && (port == -2 || port == o.port)
                    && (subdomains ? o.host.endsWith("." + host) : o.host.equals(host));
        }
    }

    static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    // ---------------------------------------------------------------- generators

    private static final List<String> LABELS = List.of("a", "b", "ab", "x-y", "x_1", "example", "com", "evil");

    static Arbitrary<String> host(int minLabels) {
        return Arbitraries.of(LABELS).list().ofMinSize(minLabels).ofMaxSize(4).map(l -> String.join(".", l));
    }

    static Arbitrary<String> spec() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "wss", "git+ssh");
        Arbitrary<String> port = Arbitraries.of("", "", ":443", ":80", ":8080", ":*", ":1", ":65535");
        Arbitrary<String> exact = Combinators.combine(scheme, host(1), port).as((s, h, p) -> s + "://" + h + p);
        Arbitrary<String> wildcard = Combinators.combine(scheme, host(2), port).as((s, h, p) -> s + "://*." + h + p);
        return Arbitraries.oneOf(exact, wildcard);
    }

    /** Origins near the specs: same labels, schemes and ports, in random case, plus some junk. */
    static Arbitrary<String> nearbyOrigin() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "HTTPS", "wss", "ws", "git+ssh", "ftp");
        Arbitrary<String> port = Arbitraries.of("", "", "", ":443", ":80", ":8080", ":1", ":65535", ":0", ":08080", ":",
                ":65536", ":99999");
        Arbitrary<String> sep = Arbitraries.of("://", "://", "://", ":/", "://user@");
        Arbitrary<String> suffix = Arbitraries.of("", "", "", "", ".", "/", "?", "#", " ", "%2e", ",");
        Arbitrary<String> structured = Combinators.combine(scheme, sep, host(1), port, suffix)
                .as((s, c, h, p, x) -> s + c + h + p + x);
        Arbitrary<String> randomCase = structured.flatMap(o -> Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .map(seed -> flipCase(o, seed)));
        Arbitrary<String> junk = Arbitraries.strings().withChars("hts:/.[]@%#?*-_019aeEXm:,").ofMaxLength(40);
        Arbitrary<String> ipv6 = Arbitraries.strings().withChars("0123456789abcdefABCDEF:.").ofMinLength(1).ofMaxLength(12)
                .map(inside -> "http://[" + inside + "]");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, randomCase),
                net.jqwik.api.Tuple.of(2, junk),
                net.jqwik.api.Tuple.of(1, ipv6));
    }

    static String flipCase(String s, int seed) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(((seed >>> (i % 31)) & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    @Provide
    Arbitrary<List<String>> allowLists() {
        return spec().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> origins() {
        return nearbyOrigin();
    }

    @Provide
    Arbitrary<String> anyStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings().withChars("htps:/[]@.%#?*-_0189aeEX ,\t\r\n\u0000\u00e9").ofMaxLength(600),
                nearbyOrigin());
    }

    @Provide
    Arbitrary<String> specs() {
        return spec();
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = TRIES)
    void requestOriginParserNeverThrowsAndAgreesWithTheGrammar(@ForAll("anyStrings") String origin) {
        long parsed = OriginParser.parse(origin);
        RefOrigin reference = RefOrigin.parse(origin);
        assertThat(parsed == OriginParser.MALFORMED).as("malformed: '%s'", origin).isEqualTo(reference == null);
        if (reference != null) {
            assertThat(origin.substring(0, OriginParser.schemeEnd(parsed)).toLowerCase(Locale.ROOT)).isEqualTo(reference.scheme);
            assertThat(origin.substring(OriginParser.hostStart(parsed), OriginParser.hostEnd(parsed)).toLowerCase(Locale.ROOT))
                    .isEqualTo(reference.host);
            int port = OriginParser.port(parsed);
            assertThat(port == OriginParser.DEFAULT_PORT ? defaultPort(reference.scheme) : port).isEqualTo(reference.port);
        }
    }

    @Property(tries = TRIES)
    void configuredOriginParserOnlyEverRefusesWithAReason(@ForAll("anyStrings") String value) {
        assertThatCode(() -> {
            try {
                OriginSpec.parse(value);
            } catch (OriginSpec.InvalidOrigin refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }).doesNotThrowAnyException();
    }

    @Property(tries = TRIES)
    void compiledMatcherNeverThrows(@ForAll("allowLists") List<String> allowList, @ForAll("anyStrings") String origin) {
        OriginMatcher policy = compile(allowList);
        assertThatCode(() -> policy.allows(origin)).doesNotThrowAnyException();
    }

    @Property(tries = 2 * TRIES)
    void compiledMatcherAgreesWithTheReference(@ForAll("allowLists") List<String> allowList,
            @ForAll("origins") String origin) {
        OriginMatcher policy = compile(allowList);
        RefOrigin parsed = RefOrigin.parse(origin);
        boolean expected = parsed != null && allowList.stream().map(RefSpec::parse).anyMatch(s -> s.matches(parsed));
        assertThat(policy.allows(origin))
                .as("'%s' against %s", origin, allowList).isEqualTo(expected);
    }

    @Property(tries = TRIES)
    void compiledMatcherAllowsEverySubdomainOfAWildcard(@ForAll("allowLists") List<String> allowList,
            @ForAll @Size(min = 1, max = 3) List<@net.jqwik.api.constraints.AlphaChars @net.jqwik.api.constraints.StringLength(min = 1, max = 8) String> labels) {
        OriginMatcher policy = compile(allowList);
        for (String spec : allowList) {
            RefSpec ref = RefSpec.parse(spec);
            String port = ref.port == -2 ? ":1234" : ref.port == defaultPort(ref.scheme) ? "" : ":" + ref.port;
            String host = ref.subdomains ? String.join(".", labels) + "." + ref.host : ref.host;
            String origin = flipCase(ref.scheme + "://" + host + port, labels.hashCode());
            assertThat(policy.allows(origin)).as("'%s' against %s", origin, spec).isTrue();
        }
    }

    @Property(tries = TRIES)
    void configuredOriginsRoundTripThroughTheirCanonicalForm(@ForAll("specs") String written, @ForAll int seed)
            throws OriginSpec.InvalidOrigin {
        String value = flipCase(written, seed);
        OriginSpec spec = OriginSpec.parse(value);
        String canonical = spec.toString();
        assertThat(OriginSpec.parse(canonical)).isEqualTo(spec);
        assertThat(canonical).isEqualTo(canonical.toLowerCase(Locale.ROOT));
        RefSpec ref = RefSpec.parse(value);
        assertThat(spec.scheme()).isEqualTo(ref.scheme);
        assertThat(spec.host()).isEqualTo(ref.host);
        assertThat(spec.subdomains()).isEqualTo(ref.subdomains);
        assertThat(spec.port() == OriginSpec.ANY_PORT).as("any port kept: %s -> %s", value, canonical).isEqualTo(ref.port == -2);
    }

    private static OriginMatcher compile(List<String> allowList) {
        CorsPolicy.Builder builder = CorsPolicy.builder();
        allowList.forEach(builder::allowOrigin);
        return OriginMatchingTest.matcher(builder.build());
    }

}
