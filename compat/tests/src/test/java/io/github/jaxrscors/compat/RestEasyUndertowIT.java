package io.github.jaxrscors.compat;

import org.junit.jupiter.api.Test;

/** RESTEasy 6.2 on Undertow (Jakarta REST 3.1): the jar and microprofile-config.properties, no code. */
class RestEasyUndertowIT {

    private static final String MODULE = "resteasy62-undertow";
    private static final String MAIN = "io.github.jaxrscors.compat.resteasy.Main";

    @Test
    void dropIn() {
        PlainJvm.assertDropIn("resteasy-6.2-undertow", MODULE, MAIN);
    }

    @Test
    void configurationMistakeStopsTheStart() {
        PlainJvm.assertRefusesToStart("resteasy-6.2-undertow", MODULE, MAIN);
    }
}
