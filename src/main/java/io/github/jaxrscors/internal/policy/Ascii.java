package io.github.jaxrscors.internal.policy;

/**
 * Case-insensitive comparison of ASCII text in place. Origins and header names are ASCII, and
 * comparing them without lower-casing a copy keeps the request path free of allocation.
 */
final class Ascii {

    private Ascii() {
    }

    /** {@code s[start, end)} in lower case. */
    static String toLowerCase(String s, int start, int end) {
        char[] lower = new char[end - start];
        for (int i = start; i < end; i++) {
            lower[i - start] = toLower(s.charAt(i));
        }
        return new String(lower);
    }

    static char toLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Whether {@code s} holds {@code lowerCase} at {@code start}, ignoring the case of {@code s}. */
    static boolean regionEqualsIgnoreCase(CharSequence s, int start, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if (toLower(s.charAt(start + i)) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[start, end)} is {@code lowerCase}, ignoring the case of {@code s}. */
    static boolean equalsIgnoreCase(String lowerCase, CharSequence s, int start, int end) {
        return lowerCase.length() == end - start && regionEqualsIgnoreCase(s, start, lowerCase);
    }

    static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
