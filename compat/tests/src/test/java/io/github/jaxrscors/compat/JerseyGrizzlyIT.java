package io.github.jaxrscors.compat;

import org.junit.jupiter.api.Test;

/** Jersey 3.1 on Grizzly (Jakarta REST 3.1): the jar and microprofile-config.properties, no code. */
class JerseyGrizzlyIT {

    private static final String MODULE = "jersey31-grizzly";
    private static final String MAIN = "io.github.jaxrscors.compat.jersey.Main";

    @Test
    void dropIn() {
        PlainJvm.assertDropIn("jersey-3.1-grizzly", MODULE, MAIN);
    }

    @Test
    void configurationMistakeStopsTheStart() {
        PlainJvm.assertRefusesToStart("jersey-3.1-grizzly", MODULE, MAIN);
    }
}
