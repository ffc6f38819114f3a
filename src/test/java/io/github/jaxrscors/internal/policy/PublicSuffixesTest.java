package io.github.jaxrscors.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Public Suffix List as the library ships it: which hosts are public suffixes, or have one below them. */
class PublicSuffixesTest {

    /** Mozilla's file as the build unpacked it from the source artifact, before compaction. */
    private static final Path SOURCE = Path.of("target/public-suffix-list/source/org/publicsuffix/list/effective_tld_names.dat");

    /**
     * {@code suffix}: whether the host is a public suffix; {@code suffixAtOrBelow}: whether it is one
     * or has one below it, the question for a wildcard origin over it.
     */
    record Case(String description, String host, boolean suffix, boolean suffixAtOrBelow) {
        @Override
        public String toString() {
            return description + ": " + host;
        }
    }

    static Stream<Case> shippedList() {
        return Stream.of(
                new Case("listed top-level domain", "com", true, true),
                new Case("registered under a top-level domain", "example.com", false, false),
                new Case("below a registered name", "www.example.com", false, false),
                new Case("ICANN second-level suffix", "co.uk", true, true),
                new Case("its top-level domain", "uk", true, true),
                new Case("registered under a second-level suffix", "mycompany.co.uk", false, false),
                new Case("private section: GitHub Pages", "github.io", true, true),
                new Case("a GitHub Pages site", "someone.github.io", false, false),
                new Case("private section: Vercel", "vercel.app", true, true),
                new Case("private section: S3", "s3.amazonaws.com", true, true),
                new Case("above the S3 suffix, not one itself", "amazonaws.com", false, true),
                new Case("private section: Blogger", "blogspot.com", true, true),
                new Case("IDN suffix (公司.cn) in punycode", "xn--55qx5d.cn", true, true),
                new Case("registered under an IDN suffix", "example.xn--55qx5d.cn", false, false),
                new Case("IDN top-level domain (中国)", "xn--fiqs8s", true, true),
                new Case("IDN under an IDN top-level domain (公司.香港)", "xn--55qx5d.xn--j6w193g", true, true),
                new Case("IDN label under an ASCII top-level domain (aéroport.ci)", "xn--aroport-bya.ci", true, true),
                new Case("matched by the wildcard rule *.ck", "anything.ck", true, true),
                new Case("top-level domain of *.ck, by the implicit * rule", "ck", true, true),
                new Case("exception rule !www.ck", "www.ck", false, false),
                new Case("below the exception www.ck", "shop.www.ck", false, false),
                new Case("wildcard rule *.kawasaki.jp", "anything.kawasaki.jp", true, true),
                new Case("base of *.kawasaki.jp: registrable, but suffixes lie below", "kawasaki.jp", false, true),
                new Case("exception rule !city.kawasaki.jp", "city.kawasaki.jp", false, false),
                new Case("unlisted top-level domain, by the implicit * rule", "notatld", true, true),
                new Case("registered under an unlisted top-level domain", "example.notatld", false, false),
                new Case("single label such as localhost", "localhost", true, true),
                new Case("IPv4 address: its last number is no registered name", "127.0.0.1", false, false));
    }

    @ParameterizedTest
    @MethodSource("shippedList")
    void answersFromTheShippedList(Case c) {
        assertThat(PublicSuffixes.isPublicSuffix(c.host())).as("isPublicSuffix").isEqualTo(c.suffix());
        assertThat(PublicSuffixes.hasPublicSuffixAtOrBelow(c.host())).as("hasPublicSuffixAtOrBelow").isEqualTo(c.suffixAtOrBelow());
    }

    /** A list written here, so that the algorithm stays covered whatever the shipped list drops. */
    private static final String FIXED_LIST = """
            // VERSION: fixed
            uk
            co.uk
            *.ck
            !www.ck
            jp
            *.kobe.jp
            !city.kobe.jp
            com
            s3.amazonaws.com
            """;

    static Stream<Case> fixedList() {
        return Stream.of(
                new Case("listed", "co.uk", true, true),
                new Case("longest match is shorter than the host", "mycompany.co.uk", false, false),
                new Case("wildcard matches one label", "x.ck", true, true),
                new Case("wildcard does not match two labels", "y.x.ck", false, false),
                new Case("base of a wildcard, top-level: implicit *", "ck", true, true),
                new Case("exception prevails over the wildcard", "www.ck", false, false),
                new Case("exception above the host prevails", "a.www.ck", false, false),
                new Case("base of a wildcard below a listed name", "kobe.jp", false, true),
                new Case("wildcard under a second-level name", "x.kobe.jp", true, true),
                new Case("exception under a second-level name", "city.kobe.jp", false, false),
                new Case("unlisted suffix, listed below", "amazonaws.com", false, true),
                new Case("deep private suffix", "s3.amazonaws.com", true, true),
                new Case("bucket under it", "bucket.s3.amazonaws.com", false, false),
                new Case("unlisted top-level domain", "org", true, true),
                new Case("under an unlisted top-level domain", "example.org", false, false));
    }

    @ParameterizedTest
    @MethodSource("fixedList")
    void followsTheListAlgorithm(Case c) throws IOException {
        PublicSuffixes list = PublicSuffixes.read(new BufferedReader(new StringReader(FIXED_LIST)));

        assertThat(list.isSuffix(c.host())).as("isSuffix").isEqualTo(c.suffix());
        assertThat(list.hasSuffixAtOrBelow(c.host())).as("hasSuffixAtOrBelow").isEqualTo(c.suffixAtOrBelow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "co.uk.", ".co.uk", "co..uk", "CO.UK", "Example.com", "bücher.de", "公司.cn", "*.co.uk",
            "co.uk:443", "[::1]", " co.uk", "co.uk\n"})
    void refusesWhatIsNoLowerCaseAsciiHost(String host) {
        assertThatThrownBy(() -> PublicSuffixes.isPublicSuffix(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a lower-case ASCII host name");
        assertThatThrownBy(() -> PublicSuffixes.hasPublicSuffixAtOrBelow(host))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionIsTheShippedListsOwn() throws IOException {
        String versionLine = Files.readAllLines(SOURCE, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("// VERSION: ")).findFirst().orElseThrow();

        assertThat(PublicSuffixes.version())
                .matches("\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}_UTC")
                .isEqualTo(versionLine.substring("// VERSION: ".length()));
    }

    @Test
    void docsNameTheShippedVersionAndItsSource() throws IOException {
        String header;
        try (var in = PublicSuffixes.class.getResourceAsStream(PublicSuffixes.RESOURCE)) {
            header = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Matcher source = Pattern.compile("taken at build time from ([\\w.-]+:[\\w.-]+:[\\w.-]+)\\.").matcher(header);
        assertThat(source.find()).as("the resource names its source artifact").isTrue();

        assertThat(Files.readString(Path.of("docs/public-suffix-list.md")))
                .contains("`" + PublicSuffixes.version() + "`")
                .contains("`" + source.group(1) + "`");
    }

    /**
     * Every rule of Mozilla's file, in both sections, converted to punycode here on its own, gets
     * the answer its kind calls for: compaction drops or garbles none.
     */
    @Test
    void everyRuleOfTheSourceListIsAnsweredForItsKind() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
        assertThat(lines).contains("// ===BEGIN ICANN DOMAINS===", "// ===BEGIN PRIVATE DOMAINS===");
        List<String> rules = lines.stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                .map(PublicSuffixesTest::ascii)
                .toList();
        Set<String> exceptions = rules.stream().filter(rule -> rule.startsWith("!")).map(rule -> rule.substring(1))
                .collect(Collectors.toSet());
        Set<String> wildcards = rules.stream().filter(rule -> rule.startsWith("*.")).collect(Collectors.toSet());

        List<String> wrong = new ArrayList<>();
        for (String rule : rules) {
            if (rule.startsWith("!")) {
                check(wrong, rule, rule.substring(1), false);
            } else if (rule.startsWith("*.")) {
                check(wrong, rule, "zz-any-label" + rule.substring(1), true);
                if (!PublicSuffixes.hasPublicSuffixAtOrBelow(rule.substring(2))) {
                    wrong.add(rule + ": hasPublicSuffixAtOrBelow(" + rule.substring(2) + ") should be true");
                }
            } else if (!exceptions.contains(rule)) {
                check(wrong, rule, rule, true);
                check(wrong, rule + " (a name under it)", "zz-any-label." + rule, wildcards.contains("*." + rule));
            }
        }

        assertThat(rules).hasSizeGreaterThan(9_000);
        assertThat(wrong).isEmpty();
    }

    private static void check(List<String> wrong, String rule, String host, boolean expected) {
        if (PublicSuffixes.isPublicSuffix(host) != expected) {
            wrong.add(rule + ": isPublicSuffix(" + host + ") should be " + expected);
        }
    }

    private static String ascii(String rule) {
        String mark = rule.startsWith("!") ? "!" : rule.startsWith("*.") ? "*." : "";
        return mark + IDN.toASCII(rule.substring(mark.length()), IDN.ALLOW_UNASSIGNED);
    }
}
