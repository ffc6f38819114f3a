package io.github.jaxrscors.runtime.helidon;

import io.github.jaxrscors.CorsConfigException.Problem;
import io.github.jaxrscors.internal.config.CompetingCors;
import io.github.jaxrscors.internal.config.Settings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Helidon's CORS feature and keys, refused beside the library: see {@link HelidonCorsConflicts}. */
public final class HelidonCors implements CompetingCors {

    @Override
    public void check(Settings settings, List<Problem> problems) {
        Set<String> keys = new LinkedHashSet<>(settings.corsKeys());
        keys.addAll(settings.keys(HelidonCorsConflicts.FEATURE));
        problems.addAll(HelidonCorsConflicts.conflicts(settings::get, keys));
    }
}
