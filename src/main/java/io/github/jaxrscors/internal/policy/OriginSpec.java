package io.github.jaxrscors.internal.policy;

import java.util.Arrays;
import java.util.Locale;

/**
 * One configured origin: {@code scheme://host[:port]}, optionally with a leading {@code *.} label
 * (one or more labels in front of the host, never the host itself) and/or a {@code :*} port (any
 * port). Scheme and host are kept in lower case, and the scheme's default port as
 * {@link OriginParser#DEFAULT_PORT}, so that equal origins have equal specs.
 */
record OriginSpec(String scheme, String host, int port, boolean subdomains) {

    static final int ANY_PORT = -1;

    /** Thrown by {@link #parse} with the reason and, where there is one, the fix. */
    static final class InvalidOrigin extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOrigin(String reason) {
            super(reason, null, false, false);
        }
    }

    static OriginSpec parse(String value) throws InvalidOrigin {
        if (value.isEmpty()) {
            throw new InvalidOrigin("is empty; write an origin such as 'https://example.com'");
        }
        if (value.equalsIgnoreCase("null")) {
            throw new InvalidOrigin("cannot be allowed: sandboxed pages, local files and redirects all "
                    + "send 'null', so anyone can; allow the real origins instead");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new InvalidOrigin(c > 0x7F
                        ? "contains a non-ASCII character; write the host in its 'xn--' (punycode) form"
                        : "contains whitespace or a control character");
            }
        }
        int separator = value.indexOf("://");
        if (separator <= 0) {
            throw new InvalidOrigin("is not an origin: expected scheme://host[:port], e.g. 'https://example.com'");
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!isScheme(scheme)) {
            throw new InvalidOrigin("has an invalid scheme '" + scheme + "'");
        }
        String rest = value.substring(separator + 3);
        int extra = firstOf(rest, "/?#");
        if (extra >= 0) {
            String fixed = scheme + "://" + rest.substring(0, extra);
            String what = switch (rest.charAt(extra)) {
                case '?' -> "a query";
                case '#' -> "a fragment";
                default -> extra == rest.length() - 1 ? "a trailing slash" : "a path";
            };
            throw new InvalidOrigin("has " + what + ", which an origin never has; write '" + fixed + "'");
        }
        if (rest.indexOf('@') >= 0) {
            throw new InvalidOrigin("has user info ('…@'), which an origin never has; write '"
                    + scheme + "://" + rest.substring(rest.lastIndexOf('@') + 1) + "'");
        }
        if (rest.indexOf('%') >= 0) {
            throw new InvalidOrigin("is percent-encoded; browsers send origins in plain ASCII");
        }
        // An IPv6 literal holds colons of its own: the port separator, if any, follows its ']'.
        int bracket = rest.indexOf('[');
        int literalEnd = bracket < 0 ? 0 : rest.indexOf(']', bracket);
        if (literalEnd < 0) {
            throw new InvalidOrigin("has a malformed IPv6 literal; write it as [2001:db8::1]");
        }
        int portSeparator = rest.indexOf(':', literalEnd);
        String host = (portSeparator < 0 ? rest : rest.substring(0, portSeparator)).toLowerCase(Locale.ROOT);
        int port = portSeparator < 0 ? OriginParser.DEFAULT_PORT : parsePort(rest.substring(portSeparator + 1));
        boolean subdomains = host.startsWith("*.");
        if (subdomains) {
            host = host.substring(2);
        }
        if (host.indexOf('*') >= 0) {
            throw new InvalidOrigin("has a wildcard where none is allowed: only a leading '*.' label "
                    + "(https://*.example.com) or the port (http://localhost:*) may be '*'");
        }
        checkHost(host, subdomains);
        // Schemes without a known default port report -1, which is also ANY_PORT: never fold ':*' away.
        int defaultPort = OriginParser.defaultPort(scheme, 0, scheme.length());
        if (port != ANY_PORT && port == defaultPort) {
            port = OriginParser.DEFAULT_PORT;
        }
        return new OriginSpec(scheme, host, port, subdomains);
    }

    /**
     * Plain http to a host other than loopback: anyone on the network path can read and alter what
     * such a page receives. {@code localhost} and its subdomains, {@code 127.0.0.0/8} and {@code [::1]}
     * never leave the machine.
     */
    boolean isInsecure() {
        return scheme.equals("http") && !isLoopback();
    }

    private boolean isLoopback() {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")) {
            return true;
        }
        String[] octets = host.split("\\.", -1);
        return !subdomains && octets.length == 4 && octets[0].equals("127")
                && Arrays.stream(octets).allMatch(o -> !o.isEmpty() && o.length() <= 3 && o.chars().allMatch(Character::isDigit));
    }

    /** The canonical form: lower case, default port omitted. */
    @Override
    public String toString() {
        String portPart = port == OriginParser.DEFAULT_PORT ? "" : port == ANY_PORT ? ":*" : ":" + port;
        return scheme + "://" + (subdomains ? "*." : "") + host + portPart;
    }

    private static int parsePort(String port) throws InvalidOrigin {
        if (port.equals("*")) {
            return ANY_PORT;
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidOrigin("has port '" + port + "'; a port is a number from 1 to 65535, or '*' for any port");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535 || port.charAt(0) == '0') {
            throw new InvalidOrigin("has port " + port + ", outside 1-65535 or written with leading zeros");
        }
        return value;
    }

    private static void checkHost(String host, boolean subdomains) throws InvalidOrigin {
        if (host.isEmpty()) {
            throw new InvalidOrigin("has no host");
        }
        if (host.startsWith("[")) {
            if (subdomains) {
                throw new InvalidOrigin("puts a '*.' label in front of an IP address");
            }
            if (!host.endsWith("]") || host.length() < 4
                    || !host.substring(1, host.length() - 1).chars().allMatch(c -> Ascii.isHexDigit((char) c) || c == ':' || c == '.')) {
                throw new InvalidOrigin("has a malformed IPv6 literal; write it as [2001:db8::1]");
            }
            return;
        }
        if (host.length() > 253) {
            throw new InvalidOrigin("has a host longer than 253 characters");
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new InvalidOrigin("has an empty label in host '" + host + "' (a leading, trailing or doubled dot)");
            }
            if (label.length() > 63) {
                throw new InvalidOrigin("has a host label longer than 63 characters");
            }
            if (!label.chars().allMatch(c -> OriginParser.isHostChar((char) c))) {
                throw new InvalidOrigin("has a host with characters other than letters, digits, '-' and '_'");
            }
        }
        if (subdomains && labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidOrigin("puts a '*.' label in front of an IP address");
        }
        // Under a public suffix anyone can register a site of their own, so a wildcard over one, or
        // over a name with one below it, matches sites that strangers own.
        if (subdomains && PublicSuffixes.hasPublicSuffixAtOrBelow(host)) {
            throw new InvalidOrigin("puts a wildcard over '" + host + "', "
                    + (PublicSuffixes.isPublicSuffix(host) ? "a public suffix" : "which has public suffixes below it")
                    + " on the Public Suffix List: anyone can register a site there. "
                    + "Name your own registered domain, e.g. 'https://*.example.com'");
        }
    }

    private static boolean isScheme(String scheme) {
        if (!Ascii.isAlpha(scheme.charAt(0))) {
            return false;
        }
        return scheme.chars().allMatch(c -> Ascii.isAlpha((char) c) || Ascii.isDigit((char) c)
                || c == '+' || c == '-' || c == '.');
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
