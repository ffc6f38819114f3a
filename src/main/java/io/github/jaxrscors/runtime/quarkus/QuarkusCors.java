package io.github.jaxrscors.runtime.quarkus;

import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.CompetingCors;
import io.github.jaxrscors.internal.config.Settings;
import java.util.List;

/**
 * Quarkus's own CORS filter answers before Jakarta REST filters run: preflights from its origins
 * never reach this library, and its headers end up on this library's refusals.
 */
public final class QuarkusCors implements CompetingCors {

    /** The switch of Quarkus's own CORS filter, by its current and its earlier name. */
    private static final List<String> KEYS = List.of("quarkus.http.cors.enabled", "quarkus.http.cors");

    @Override
    public void check(Settings settings, List<Problem> problems) {
        for (String key : KEYS) {
            String value = settings.get(key);
            if (value != null && value.trim().equalsIgnoreCase("true")) {
                problems.add(new Problem(key, value, "'" + value.trim() + "' turns on Quarkus's own CORS filter, which "
                        + "answers before jaxrs-cors and mixes its headers into jaxrs-cors's answers; set " + key
                        + "=false and configure CORS with the cors.* keys"));
            }
        }
    }
}
