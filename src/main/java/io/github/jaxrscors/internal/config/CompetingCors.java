package io.github.jaxrscors.internal.config;

import io.github.jaxrscors.CorsConfigException.Problem;
import java.util.List;

/**
 * A runtime's own CORS support, which must stay off beside the library: it would answer before it,
 * or mix its headers into the library's answers. Found with {@link java.util.ServiceLoader} (each
 * runtime package lists its implementation in {@code META-INF/services}) and asked about every
 * configuration the library reads, so that switching it on stops the deployment, naming the setting.
 */
public interface CompetingCors {

    /** Adds a problem for every setting in {@code settings} that switches the runtime's own CORS support on. */
    void check(Settings settings, List<Problem> problems);
}
