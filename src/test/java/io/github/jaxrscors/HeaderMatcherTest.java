package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Access-Control-Request-Headers as Fetch parses it, against names, prefixes, '*' and predicates. */
class HeaderMatcherTest {

    /** Allows X-Token by name and X-Custom-* by prefix, besides the always-allowed names. */
    private static final HeaderMatcher MATCHER = matcher(CorsPolicy.builder().allowHeader("X-Token").allowHeadersPrefixed("X-Custom-"));

    static HeaderMatcher matcher(CorsPolicy.Builder builder) {
        return HeaderMatcher.of(builder.allowOrigin("https://app.example.com").build());
    }

    record Scan(String description, String value, int expected) {
        @Override
        public String toString() {
            return description + ": [" + value + "]";
        }
    }

    static Stream<Scan> scans() {
        return Stream.of(
                new Scan("one name", "x-token", HeaderMatcher.ALL_NAMED),
                new Scan("case-insensitive", "X-TOKEN", HeaderMatcher.ALL_NAMED),
                new Scan("always-allowed names", "Accept, Accept-Language, Content-Language", HeaderMatcher.ALL_NAMED),
                new Scan("comma without space", "x-token,accept", HeaderMatcher.ALL_NAMED),
                new Scan("spaces and tabs around", " \tx-token \t, accept\t ", HeaderMatcher.ALL_NAMED),
                new Scan("empty entries ignored", ",,x-token,, ,accept,", HeaderMatcher.ALL_NAMED),
                new Scan("empty value", "", HeaderMatcher.ALL_NAMED),
                new Scan("only commas and spaces", " , ,, ", HeaderMatcher.ALL_NAMED),
                new Scan("repeated name", "x-token, X-Token", HeaderMatcher.ALL_NAMED),
                new Scan("two header lines joined", "x-token,x-token, accept", HeaderMatcher.ALL_NAMED),
                new Scan("by prefix", "x-custom-a", HeaderMatcher.SOME_BY_PATTERN),
                new Scan("by prefix, upper case", "X-CUSTOM-A", HeaderMatcher.SOME_BY_PATTERN),
                new Scan("named and by prefix", "x-token, x-custom-b", HeaderMatcher.SOME_BY_PATTERN),
                new Scan("prefix alone is a name starting with it", "x-custom-", HeaderMatcher.SOME_BY_PATTERN),
                new Scan("disallowed first", "x-other", 0),
                new Scan("disallowed after an allowed one", "x-token, x-other", 9),
                new Scan("disallowed after spaces", "  x-other", 2),
                new Scan("shorter than the prefix", "x-custom", 0),
                new Scan("content-type not named", "content-type", 0),
                new Scan("authorization not named", "authorization", 0),
                new Scan("two names without a comma", "x-token x-custom-a", HeaderMatcher.MALFORMED),
                new Scan("semicolon", "x-token;", HeaderMatcher.MALFORMED),
                new Scan("colon", "x-token: 1", HeaderMatcher.MALFORMED),
                new Scan("non-ASCII", "x-tökén", HeaderMatcher.MALFORMED),
                new Scan("quote", "\"x-token\"", HeaderMatcher.MALFORMED),
                new Scan("CR LF", "x-token\r\nx-evil", HeaderMatcher.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scans")
    void scansRequestHeaders(Scan row) {
        assertThat(MATCHER.scan(row.value())).isEqualTo(row.expected());
    }

    @Test
    void anyHeaderAllowsAllButAuthorization() {
        HeaderMatcher matcher = matcher(CorsPolicy.builder().allowAnyHeader());

        assertThat(matcher.scan("x-anything, content-type")).isEqualTo(HeaderMatcher.SOME_BY_PATTERN);
        assertThat(matcher.scan("x-anything, Authorization")).isEqualTo(12);
        assertThat(matcher.scan("authorizations")).isEqualTo(HeaderMatcher.SOME_BY_PATTERN);
    }

    @Test
    void authorizationMustBeNamedEvenWithAnyHeader() {
        HeaderMatcher matcher = matcher(CorsPolicy.builder().allowAnyHeader().allowHeader("Authorization"));

        assertThat(matcher.scan("authorization, x-anything")).isEqualTo(HeaderMatcher.SOME_BY_PATTERN);
        assertThat(matcher.scan("Authorization")).isEqualTo(HeaderMatcher.ALL_NAMED);
    }

    @Test
    void predicateSeesLowerCaseNames() {
        HeaderMatcher matcher = matcher(CorsPolicy.builder().allowHeaders(name -> name.equals("x-trace-id")));

        assertThat(matcher.scan("X-Trace-Id")).isEqualTo(HeaderMatcher.SOME_BY_PATTERN);
        assertThat(matcher.scan("x-span-id")).isEqualTo(0);
    }

    record Join(String description, String value, String expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Join> joins() {
        return Stream.of(
                new Join("one", "X-Token", "x-token"),
                new Join("several, lower-cased", "X-Token, Accept", "x-token, accept"),
                new Join("empty entries and whitespace dropped", " ,X-Token ,,\tAccept , ", "x-token, accept"),
                new Join("no spaces", "a,b,c", "a, b, c"),
                new Join("empty", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("joins")
    void joinsRequestHeaders(Join row) {
        assertThat(HeaderMatcher.join(row.value())).isEqualTo(row.expected());
    }

    @Test
    void namesTheHeaderTheScanStoppedAt() {
        String value = "x-token, X-Other ,accept";

        assertThat(HeaderMatcher.nameAt(value, MATCHER.scan(value))).isEqualTo("x-other");
    }

    @Test
    void refusesAHeaderNamedStarWithCredentialsOnly() {
        assertThat(matcher(CorsPolicy.builder().allowAnyHeader()).scan("*")).isEqualTo(HeaderMatcher.SOME_BY_PATTERN);
        assertThat(matcher(CorsPolicy.builder().allowAnyHeader().allowCredentials(true)).scan("*")).isEqualTo(0);
    }
}
