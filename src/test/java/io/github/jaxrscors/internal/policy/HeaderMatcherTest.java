package io.github.jaxrscors.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.CorsPolicies;
import io.github.jaxrscors.CorsPolicy;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Access-Control-Request-Headers as Fetch parses it, against names, prefixes, '*' and predicates. */
class HeaderMatcherTest {

    /** Allows X-Token by name and X-Custom-* by prefix, besides the always-allowed names. */
    private static final HeaderMatcher MATCHER = matcher(CorsPolicy.builder().allowHeader("X-Token").allowHeadersPrefixed("X-Custom-"));

    static HeaderMatcher matcher(CorsPolicy.Builder builder) {
        return HeaderMatcher.of(CorsPolicies.validated(builder.allowOrigin("https://app.example.com").build()));
    }

    /** What {@link HeaderMatcher#check} found: all named, some by pattern, malformed, or the first name refused. */
    static String result(Decision decision, String value) {
        if (decision == Decision.ALLOWED) {
            return "all named";
        }
        if (decision == Decision.ALLOWED_ECHOING_HEADERS) {
            return "some by pattern";
        }
        if (decision == Decision.MALFORMED_HEADERS) {
            return "malformed";
        }
        return refused(decision.refusedHeader(value));
    }

    static String refused(String name) {
        return "refused " + name;
    }

    record Scan(String description, String value, String expected) {
        @Override
        public String toString() {
            return description + ": [" + value + "]";
        }
    }

    static Stream<Scan> scans() {
        return Stream.of(
                new Scan("one name", "x-token", "all named"),
                new Scan("case-insensitive", "X-TOKEN", "all named"),
                new Scan("always-allowed names", "Accept, Accept-Language, Content-Language", "all named"),
                new Scan("comma without space", "x-token,accept", "all named"),
                new Scan("spaces and tabs around", " \tx-token \t, accept\t ", "all named"),
                new Scan("empty entries ignored", ",,x-token,, ,accept,", "all named"),
                new Scan("empty value", "", "all named"),
                new Scan("only commas and spaces", " , ,, ", "all named"),
                new Scan("repeated name", "x-token, X-Token", "all named"),
                new Scan("two header lines joined", "x-token,x-token, accept", "all named"),
                new Scan("by prefix", "x-custom-a", "some by pattern"),
                new Scan("by prefix, upper case", "X-CUSTOM-A", "some by pattern"),
                new Scan("named and by prefix", "x-token, x-custom-b", "some by pattern"),
                new Scan("prefix alone is a name starting with it", "x-custom-", "some by pattern"),
                new Scan("disallowed first", "x-other", refused("x-other")),
                new Scan("disallowed after an allowed one", "x-token, x-other", refused("x-other")),
                new Scan("disallowed after spaces", "  x-other", refused("x-other")),
                new Scan("shorter than the prefix", "x-custom", refused("x-custom")),
                new Scan("content-type not named", "content-type", refused("content-type")),
                new Scan("authorization not named", "authorization", refused("authorization")),
                new Scan("two names without a comma", "x-token x-custom-a", "malformed"),
                new Scan("semicolon", "x-token;", "malformed"),
                new Scan("colon", "x-token: 1", "malformed"),
                new Scan("non-ASCII", "x-tökén", "malformed"),
                new Scan("quote", "\"x-token\"", "malformed"),
                new Scan("CR LF", "x-token\r\nx-evil", "malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scans")
    void scansRequestHeaders(Scan row) {
        assertThat(result(MATCHER.check(row.value()), row.value())).isEqualTo(row.expected());
    }

    @Test
    void anyHeaderAllowsAllButAuthorization() {
        HeaderMatcher matcher = matcher(CorsPolicy.builder().allowAnyHeader());

        assertThat(result(matcher.check("x-anything, content-type"), "x-anything, content-type")).isEqualTo("some by pattern");
        assertThat(result(matcher.check("x-anything, Authorization"), "x-anything, Authorization")).isEqualTo(refused("authorization"));
        assertThat(result(matcher.check("authorizations"), "authorizations")).isEqualTo("some by pattern");
    }

    @Test
    void authorizationMustBeNamedEvenWithAnyHeader() {
        HeaderMatcher matcher = matcher(CorsPolicy.builder().allowAnyHeader().allowHeader("Authorization"));

        assertThat(result(matcher.check("authorization, x-anything"), "authorization, x-anything")).isEqualTo("some by pattern");
        assertThat(result(matcher.check("Authorization"), "Authorization")).isEqualTo("all named");
    }

    @Test
    void predicateSeesLowerCaseNames() {
        HeaderMatcher matcher = matcher(CorsPolicy.builder().allowHeaders(name -> name.equals("x-trace-id")));

        assertThat(result(matcher.check("X-Trace-Id"), "X-Trace-Id")).isEqualTo("some by pattern");
        assertThat(result(matcher.check("x-span-id"), "x-span-id")).isEqualTo(refused("x-span-id"));
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
    void namesTheHeaderTheCheckStoppedAt() {
        String value = "x-token, X-Other ,accept";

        assertThat(MATCHER.check(value).refusedHeader(value)).isEqualTo("x-other");
    }

    @Test
    void refusesAHeaderNamedStarWithCredentialsOnly() {
        assertThat(result(matcher(CorsPolicy.builder().allowAnyHeader()).check("*"), "*")).isEqualTo("some by pattern");
        assertThat(result(matcher(CorsPolicy.builder().allowAnyHeader().allowCredentials(true)).check("*"), "*")).isEqualTo(refused("*"));
    }
}
