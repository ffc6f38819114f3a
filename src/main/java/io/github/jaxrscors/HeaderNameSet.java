package io.github.jaxrscors;

import java.util.Collection;

/**
 * Header names (stored in lower case) in an open-addressing table probed with a range of the
 * request's header value, case-insensitively and without allocating.
 */
final class HeaderNameSet {

    private final String[] names;
    private final int mask;

    HeaderNameSet(Collection<String> lowerCaseNames) {
        int capacity = Integer.highestOneBit(Math.max(4, lowerCaseNames.size() * 2) - 1) << 1;
        names = new String[capacity];
        mask = capacity - 1;
        for (String name : lowerCaseNames) {
            int slot = hash(name, 0, name.length()) & mask;
            while (names[slot] != null) {
                if (names[slot].equals(name)) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            names[slot] = name;
        }
    }

    /**
     * Whether {@code s[start, end)} is one of the names, case-insensitively; {@code hash} is the
     * range's hash, folded by {@link #hashStep} while the caller scanned it, so the name is read once.
     */
    boolean contains(String s, int start, int end, int hash) {
        int length = end - start;
        for (int slot = (hash ^ (hash >>> 16)) & mask; names[slot] != null; slot = (slot + 1) & mask) {
            String name = names[slot];
            if (name.length() == length && Ascii.regionEqualsIgnoreCase(s, start, name)) {
                return true;
            }
        }
        return false;
    }

    /** Folds one more character of a name into its case-insensitive hash. */
    static int hashStep(int hash, char c) {
        return hash * 31 + Ascii.toLower(c);
    }

    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = hashStep(h, s.charAt(i));
        }
        return h ^ (h >>> 16);
    }
}
