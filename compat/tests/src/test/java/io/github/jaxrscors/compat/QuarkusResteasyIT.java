package io.github.jaxrscors.compat;

import org.junit.jupiter.api.Test;

/** Quarkus with quarkus-resteasy (classic RESTEasy): the jar and the configuration, no code. */
class QuarkusResteasyIT {

    @Test
    void dropIn() {
        QuarkusApp.assertDropIn("quarkus-resteasy", "quarkus-resteasy");
    }

    @Test
    void configurationMistakeStopsTheStart() {
        QuarkusApp.assertRefusesToStart("quarkus-resteasy", "quarkus-resteasy");
    }
}
