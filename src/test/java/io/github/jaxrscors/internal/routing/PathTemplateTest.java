package io.github.jaxrscors.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PathTemplateTest {

    record Join(String description, String classPath, String methodPath, String expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Join> joins() {
        return Stream.of(
                new Join("neither", null, null, ""),
                new Join("class only", "/customers/", null, "customers"),
                new Join("method only", null, "{id}", "{id}"),
                new Join("both, slashes trimmed", "/customers/", "/{id}/", "customers/{id}"),
                new Join("empty class path", "/", "export", "export"),
                new Join("several slashes", "//a//", "//b", "a/b"));
    }

    @ParameterizedTest
    @MethodSource("joins")
    void joinsClassAndMethodPaths(Join j) {
        assertThat(PathTemplate.join(j.classPath(), j.methodPath())).isEqualTo(j.expected());
    }

    /**
     * How a template is split: each segment as "literal" or "~pattern" (as it matches the sample),
     * and the tail's regular expression or null.
     */
    record Split(String description, String template, List<String> segments, String tailSample, boolean tailMatches) {
        @Override
        public String toString() {
            return description + ": " + template;
        }
    }

    static Stream<Split> splits() {
        return Stream.of(
                new Split("literals only", "customers/export", List.of("customers", "export"), null, false),
                new Split("default variable", "customers/{id}", List.of("customers", "~"), null, false),
                new Split("variable inside a segment", "files/v{major}.json", List.of("files", "~"), null, false),
                new Split("regex variable starts the tail", "orders/{id: \\d+}", List.of("orders"), "42", true),
                new Split("tail refuses what its regex refuses", "orders/{id: \\d+}", List.of("orders"), "abc", false),
                new Split("tail spans segments", "files/{path: .*}", List.of("files"), "a/b/c", true),
                new Split("literal after a regex variable is in the tail", "t/{id: \\d+}/raw", List.of("t"), "7/raw", true),
                new Split("tail keeps the literal after the variable", "t/{id: \\d+}/raw", List.of("t"), "7/cooked", false),
                new Split("slash inside a variable's regex", "{p: a/b}/c", List.of(), "a/b/c", true),
                new Split("braces inside a variable's regex", "x/{n: \\d{2}}", List.of("x"), "42", true),
                new Split("braces inside a variable's regex, length checked", "x/{n: \\d{2}}", List.of("x"), "421", false),
                new Split("class path on its own", "/", List.of(), null, false));
    }

    @ParameterizedTest
    @MethodSource("splits")
    void splitsTemplatesIntoSegmentsAndTail(Split s) {
        PathTemplate template = PathTemplate.parse(s.template());

        assertThat(template.segments()).extracting(seg -> seg.isLiteral() ? seg.literal() : "~")
                .containsExactlyElementsOf(s.segments());
        if (s.tailSample() == null) {
            assertThat(template.tail()).isNull();
        } else {
            assertThat(template.tail().matcher(s.tailSample()).matches()).isEqualTo(s.tailMatches());
        }
    }

    record SegmentMatch(String description, String template, String segment, boolean matches) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<SegmentMatch> segmentMatches() {
        return Stream.of(
                new SegmentMatch("default variable, any text", "{id}", "42", true),
                new SegmentMatch("default variable never matches nothing", "{id}", "", false),
                new SegmentMatch("literal around a variable", "v{major}.json", "v2.json", true),
                new SegmentMatch("literal around a variable, wrong suffix", "v{major}.json", "v2.xml", false),
                new SegmentMatch("dot is literal, not a regex", "v{major}.json", "v2xjson", false),
                new SegmentMatch("two variables", "{a}-{b}", "x-y", true));
    }

    @ParameterizedTest
    @MethodSource("segmentMatches")
    void matchesOneSegment(SegmentMatch m) {
        PathTemplate.Segment segment = PathTemplate.parse(m.template()).segments().get(0);
        assertThat(segment.matches(m.segment())).isEqualTo(m.matches());
    }

    record Encoding(String description, String template, String expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Encoding> encodings() {
        return Stream.of(
                new Encoding("nothing to encode", "customers/{id}", "customers/{id}"),
                new Encoding("space", "price list", "price%20list"),
                new Encoding("existing escape kept", "price%20list", "price%20list"),
                new Encoding("lone percent", "100%", "100%25"),
                new Encoding("non-ASCII as UTF-8", "café", "caf%C3%A9"),
                new Encoding("sub-delims, ':' and '@' kept", "a;b=c:d@e!$&'()*+,", "a;b=c:d@e!$&'()*+,"),
                new Encoding("variable's regex untouched", "x/{n: [a ]+}", "x/{n: [a ]+}"));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void encodesLiteralPartsAsJakartaRestDoes(Encoding e) {
        assertThat(PathTemplate.encodeLiterals(e.template())).isEqualTo(e.expected());
    }

    /** {@code preferred} ranks before {@code other} when both match a request. */
    record Preference(String description, String preferredClass, String preferred, String otherClass, String other) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Preference> preferences() {
        return Stream.of(
                new Preference("more literal characters", "customers", "customers/export", "customers", "customers/{id}"),
                new Preference("more variables", "a", "a/{x}{y}", "a", "a/{x}"),
                new Preference("more regex variables", "orders", "orders/{id: \\d+}", "orders", "orders/{name}"),
                new Preference("class template first", "customers", "customers/{id}", "{tenant}", "{tenant}/settings"),
                new Preference("regex text is not literal", "x", "x/ab", "x", "x/{n: abcdef}"),
                new Preference("one regex variable counts once", "r", "r/{a: x}/{b: y}", "r", "r/{a: x:y:z}/{b}"));
    }

    @ParameterizedTest
    @MethodSource("preferences")
    void ranksAsJakartaRestSorts(Preference p) {
        PathTemplate.Rank preferred = PathTemplate.Rank.of(p.preferredClass(), p.preferred(), false);
        PathTemplate.Rank other = PathTemplate.Rank.of(p.otherClass(), p.other(), false);

        assertThat(preferred).isLessThan(other);
        assertThat(other).isGreaterThan(preferred);
    }

    @ParameterizedTest
    @MethodSource("preferences")
    void resourceMethodBeforeLocatorAtTheSameTemplate(Preference p) {
        assertThat(PathTemplate.Rank.of(p.preferredClass(), p.preferred(), false))
                .isLessThan(PathTemplate.Rank.of(p.preferredClass(), p.preferred(), true));
    }
}
