import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns Mozilla's public_suffix_list.dat into the library's resource: the rules alone (ICANN and
 * private sections), Unicode names in their punycode form because origins are ASCII, sorted and
 * deduplicated so that the same list always gives the same bytes. The list's licence notice, its
 * VERSION and COMMIT lines and the artifact it came from stay at the top as comments.
 *
 * <p>Run by the build in generate-resources, with no compile step:
 * {@code java CompactPublicSuffixList.java <public_suffix_list.dat> <resource> <source>}.
 * Anything the lookup would misread fails the build instead of shipping.
 */
public class CompactPublicSuffixList {

    private static final String ICANN = "// ===BEGIN ICANN DOMAINS===";
    private static final String PRIVATE = "// ===BEGIN PRIVATE DOMAINS===";
    /** An optional exception mark or leading wildcard label, then dot-separated LDH labels. */
    private static final Pattern RULE = Pattern.compile("(!|\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java CompactPublicSuffixList.java <public_suffix_list.dat> <resource> <source>");
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        // The licence notice: the comment paragraph the list opens with.
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("//")) {
                break;
            }
            out.add(line);
        }
        String version = field(lines, "// VERSION: ");
        String commit = field(lines, "// COMMIT: ");
        if (!lines.contains(ICANN) || !lines.contains(PRIVATE)) {
            throw new IllegalStateException(args[0] + " lacks its ICANN or its PRIVATE section");
        }

        TreeSet<String> rules = new TreeSet<>();
        int icann = 0;
        int privately = 0;
        boolean inPrivate = false;
        for (String line : lines) {
            if (line.equals(PRIVATE)) {
                inPrivate = true;
            }
            // The list's format: a rule is the first whitespace-separated word of a line that is not a comment.
            String word = line.strip().split("\\s", 2)[0];
            if (word.isEmpty() || word.startsWith("//")) {
                continue;
            }
            String rule = ascii(word);
            if (!RULE.matcher(rule).matches()) {
                throw new IllegalStateException("a rule the lookup cannot represent: '" + word + "' (as '" + rule + "')");
            }
            if (rules.add(rule)) {
                if (inPrivate) {
                    privately++;
                } else {
                    icann++;
                }
            }
        }

        out.add("//");
        out.add("// The rules of the Public Suffix List (https://publicsuffix.org/list/), ICANN and PRIVATE");
        out.add("// sections, names in punycode, sorted; taken at build time from " + args[2] + ".");
        out.add("// VERSION: " + version);
        out.add("// COMMIT: " + commit);
        out.add("// RULES: " + rules.size() + " (ICANN " + icann + ", PRIVATE " + privately + ")");
        out.addAll(rules);
        Path target = Path.of(args[1]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, out, StandardCharsets.US_ASCII);
        System.out.println("Public Suffix List " + version + ": " + rules.size() + " rules (ICANN " + icann
                + ", PRIVATE " + privately + ") written to " + target);
    }

    private static String field(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).strip())
                .findFirst().orElseThrow(() -> new IllegalStateException("the list has no '" + prefix.strip() + "' line"));
    }

    private static String ascii(String word) {
        String mark = word.startsWith("!") ? "!" : word.startsWith("*.") ? "*." : "";
        // ALLOW_UNASSIGNED: java.net.IDN knows Unicode 3.2 only, and the list has labels in newer scripts (Balinese).
        String name = IDN.toASCII(word.substring(mark.length()), IDN.USE_STD3_ASCII_RULES | IDN.ALLOW_UNASSIGNED);
        return mark + name.toLowerCase(Locale.ROOT);
    }
}
