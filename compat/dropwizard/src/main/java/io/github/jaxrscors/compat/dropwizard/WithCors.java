package io.github.jaxrscors.compat.dropwizard;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.github.jaxrscors.runtime.dropwizard.CorsBundle;

/**
 * The one line a Dropwizard user writes for the library, in a class of its own: {@code Main} loads
 * it only where the library's jar is, so that the same service also runs without it.
 */
final class WithCors {

    private WithCors() {
    }

    static void addTo(Bootstrap<Configuration> bootstrap) {
        bootstrap.addBundle(new CorsBundle());
    }
}
