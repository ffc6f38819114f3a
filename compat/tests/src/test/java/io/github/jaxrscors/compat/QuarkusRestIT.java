package io.github.jaxrscors.compat;

import org.junit.jupiter.api.Test;

/** Quarkus with quarkus-rest (its default REST stack): the jar and the configuration, no code. */
class QuarkusRestIT {

    @Test
    void dropIn() {
        QuarkusApp.assertDropIn("quarkus-rest", "quarkus-rest");
    }

    @Test
    void configurationMistakeStopsTheStart() {
        QuarkusApp.assertRefusesToStart("quarkus-rest", "quarkus-rest");
    }
}
