package io.github.jaxrscors.internal.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The Public Suffix List (ICANN and private sections): names under which anyone can register a
 * name of their own, such as {@code co.uk}, {@code github.io} or {@code vercel.app}. A wildcard
 * origin over one of them lets in sites that strangers own.
 *
 * <p>The build takes the list from an artifact that ships Mozilla's file and compacts it into
 * {@value #RESOURCE} beside this class: one rule a line, Unicode names in their {@code xn--} form
 * because origins are ASCII. It is read on first use, once per JVM; only deployment asks, never the
 * request path.
 */
final class PublicSuffixes {

    static final String RESOURCE = "public-suffixes.txt";

    private static final String VERSION_LINE = "// VERSION: ";

    /** Rules as the list writes them: {@code co.uk}, wildcards {@code *.ck}, exceptions {@code !www.ck}. */
    private final Set<String> rules;
    /** Every name that has a rule strictly below it: {@code amazonaws.com} (for {@code s3.amazonaws.com}), {@code kawasaki.jp} (for {@code *.kawasaki.jp}). */
    private final Set<String> above;
    private final String version;

    private PublicSuffixes(Set<String> rules, Set<String> above, String version) {
        this.rules = rules;
        this.above = above;
        this.version = version;
    }

    /**
     * Whether the host is itself a public suffix, by the list's algorithm: an exception rule that
     * matches prevails, else the matching rule with the most labels, else the implicit {@code *}
     * rule that makes every top-level domain a suffix, listed or not; the host is a public suffix
     * when that rule spans all of its labels.
     *
     * @param host a host name in lower-case ASCII, IDN labels in their {@code xn--} form, no trailing dot
     * @throws IllegalArgumentException for anything else, which the list cannot answer for
     */
    static boolean isPublicSuffix(String host) {
        return Loaded.LIST.isSuffix(host);
    }

    /**
     * Whether the host is a public suffix or has one below it, so that the names under it belong
     * to different owners: {@code co.uk}, but also {@code amazonaws.com} (each bucket under
     * {@code s3.amazonaws.com} is someone's) and {@code kawasaki.jp} (every name directly under it
     * is a suffix). A wildcard origin over such a host spans sites that strangers own; over
     * {@code mycompany.co.uk} it does not.
     *
     * @param host as for {@link #isPublicSuffix(String)}
     */
    static boolean hasPublicSuffixAtOrBelow(String host) {
        return Loaded.LIST.hasSuffixAtOrBelow(host);
    }

    /** The list's own version line, such as {@code 2026-10-06_16-13-12_UTC}, for messages and docs. */
    static String version() {
        return Loaded.LIST.version;
    }

    boolean isSuffix(String host) {
        requireHost(host);
        // An exception rule, at the host or above it, prevails and always leaves out the host's first label.
        for (int from = 0; from >= 0; from = nextLabel(host, from)) {
            if (rules.contains("!" + host.substring(from))) {
                return false;
            }
        }
        int dot = host.indexOf('.');
        return dot < 0 || rules.contains(host) || rules.contains("*" + host.substring(dot));
    }

    boolean hasSuffixAtOrBelow(String host) {
        return isSuffix(host) || above.contains(host);
    }

    /** Reads a list in the resource's form: the build's comment lines, then one rule a line. */
    static PublicSuffixes read(BufferedReader reader) throws IOException {
        Set<String> rules = new HashSet<>();
        Set<String> above = new HashSet<>();
        String version = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith(VERSION_LINE)) {
                version = line.substring(VERSION_LINE.length());
            } else if (!line.isEmpty() && !line.startsWith("//")) {
                rules.add(line);
                if (!line.startsWith("!")) {
                    // *.kawasaki.jp puts a suffix below kawasaki.jp; co.uk below uk.
                    String name = line.startsWith("*.") ? line.substring(1) : line;
                    for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                        above.add(name.substring(dot + 1));
                    }
                }
            }
        }
        if (version == null || rules.isEmpty()) {
            throw new IllegalStateException("the Public Suffix List resource has no " + (version == null ? "version line" : "rules"));
        }
        return new PublicSuffixes(rules, above, version);
    }

    private static int nextLabel(String host, int from) {
        int dot = host.indexOf('.', from);
        return dot < 0 ? -1 : dot + 1;
    }

    private static void requireHost(String host) {
        boolean valid = !host.isEmpty() && host.charAt(0) != '.' && host.charAt(host.length() - 1) != '.' && !host.contains("..");
        for (int i = 0; valid && i < host.length(); i++) {
            char c = host.charAt(i);
            valid = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
        }
        if (!valid) {
            throw new IllegalArgumentException("not a lower-case ASCII host name: '" + host + "'");
        }
    }

    /** Holds the list so that it is read when first asked for, not when the library is loaded. */
    private static final class Loaded {
        static final PublicSuffixes LIST = load();

        private static PublicSuffixes load() {
            try (InputStream in = PublicSuffixes.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the library jar lacks " + RESOURCE + " beside " + PublicSuffixes.class.getName());
                }
                return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
