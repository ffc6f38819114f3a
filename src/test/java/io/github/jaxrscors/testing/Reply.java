package io.github.jaxrscors.testing;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A response as it came off the wire: the status, every header line in the order received, the
 * body, and the whole response as text for failure messages. Header names compare
 * case-insensitively, as HTTP defines them.
 */
public record Reply(int status, List<Map.Entry<String, String>> headers, String body, String raw) {

    private static final String ACCESS_CONTROL = "access-control-";

    public Reply {
        headers = List.copyOf(headers);
    }

    /** Every value of the header, one per line it came on; empty when absent. */
    public List<String> all(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /** The header's only value, or null when absent; fails when it came on more than one line. */
    public String header(String name) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw new AssertionError(name + " sent " + values.size() + " times: " + values + "\n" + raw);
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** The comma-separated elements of the header across all its lines, trimmed, empty ones dropped. */
    public List<String> elements(String name) {
        return all(name).stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(element -> !element.isEmpty()).toList();
    }

    /** The names of the {@code Access-Control-*} headers present, each once, in case-insensitive order. */
    public List<String> corsHeaders() {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headers.stream().map(Map.Entry::getKey).filter(Reply::isAccessControl).forEach(names::add);
        return List.copyOf(names);
    }

    /**
     * The part of the response CORS decides, and a shared cache must pass on unchanged: every
     * {@code Access-Control-*} header and {@code Vary}, names in lower case, each with the values of
     * its lines in order, sorted by name.
     */
    public Map<String, List<String>> accessControlAndVary() {
        Map<String, List<String>> decided = new TreeMap<>();
        headers.stream().map(Map.Entry::getKey).filter(name -> isAccessControl(name) || name.equalsIgnoreCase("Vary"))
                .map(name -> name.toLowerCase(Locale.ROOT))
                .forEach(name -> decided.computeIfAbsent(name, this::all));
        return Collections.unmodifiableMap(decided);
    }

    private static boolean isAccessControl(String name) {
        return name.regionMatches(true, 0, ACCESS_CONTROL, 0, ACCESS_CONTROL.length());
    }
}
