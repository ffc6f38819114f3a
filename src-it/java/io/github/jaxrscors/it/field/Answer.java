package io.github.jaxrscors.it.field;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part of a response that CORS decides and a shared cache must pass on unchanged: the status,
 * every {@code Access-Control-*} header and {@code Vary} (names in lower case).
 */
record Answer(int status, Map<String, List<String>> headers) {

    private static final String ACCESS_CONTROL = "access-control-";
    private static final String VARY = "vary";

    static Answer of(HttpResponse<?> response) {
        Map<String, List<String>> decided = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(ACCESS_CONTROL) || lower.equals(VARY)) {
                decided.put(lower, List.copyOf(values));
            }
        });
        return new Answer(response.statusCode(), decided);
    }

    /** The same answer without {@code Vary}: what the client itself gets to see. */
    Answer withoutVary() {
        Map<String, List<String>> rest = new TreeMap<>(headers);
        rest.remove(VARY);
        return new Answer(status, rest);
    }

    boolean hasAccessControlHeaders() {
        return headers.keySet().stream().anyMatch(name -> name.startsWith(ACCESS_CONTROL));
    }

    Optional<String> allowOrigin() {
        return Optional.ofNullable(headers.get("access-control-allow-origin")).map(values -> String.join(",", values));
    }

    /** The request header names listed in {@code Vary}, in lower case; {@code *} when it varies on everything. */
    List<String> vary() {
        return headers.getOrDefault(VARY, List.of()).stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
    }

    @Override
    public String toString() {
        return status + " " + headers;
    }
}
