package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Applications on a classpath with the MicroProfile Config API but no implementation (the library
 * bundles none): the drop-in cannot read its policy and must say how to fix that, while a policy
 * given in code needs no implementation at all.
 */
class MissingConfigImplementationIT {

    /** The runtime's classpath with the MicroProfile Config API but no implementation. */
    private static final String WITHOUT = "without-config";

    private static void assertLacksAnImplementation(ServerRuntime runtime) throws Exception {
        String entries = Files.readString(Path.of(System.getProperty("it.classpath.dir"), runtime.classpath(WITHOUT) + ".txt"));
        assertThat(entries).contains("microprofile-config-api").doesNotContain("smallrye-config");
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void dropInDeploymentFailsNamingTheFix(ServerRuntime runtime) throws Exception {
        assertLacksAnImplementation(runtime);
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.dropIn, runtime.classpath(WITHOUT)).configDirectory("dropin").start()) {
            ForkedAppChecks.assertDropInStopsForWantOfConfig(server);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void policyGivenInCodeWorksWithoutAnImplementation(ServerRuntime runtime) throws Exception {
        assertLacksAnImplementation(runtime);
        try (ForkedJvm server = new ForkedJvm.Spec(runtime.programmatic, runtime.classpath(WITHOUT)).start()) {
            ForkedAppChecks.assertServesThePolicyInCode(server);
        }
    }
}
