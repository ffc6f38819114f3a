package io.github.jaxrscors.it;

import io.github.jaxrscors.it.DropInScenarios.Scenario;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same plain application, unaware of CORS, deployed on Jersey + Grizzly and on RESTEasy +
 * Undertow, each in its own JVM with only the jar and {@code META-INF/microprofile-config.properties}
 * added: both must answer every scenario the same way.
 */
class DropInIT {

    private static final Map<ServerRuntime, ForkedJvm> servers = new EnumMap<>(ServerRuntime.class);

    @BeforeAll
    static void startBothRuntimes() throws Exception {
        for (ServerRuntime runtime : ServerRuntime.values()) {
            servers.put(runtime, new ForkedJvm.Spec(runtime.dropIn, runtime.classpath).configDirectory("dropin").start());
        }
        servers.values().forEach(ForkedJvm::awaitListening);
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(ForkedJvm::close);
    }

    static Stream<Arguments> scenarios() {
        return DropInScenarios.all().stream()
                .flatMap(s -> Stream.of(ServerRuntime.values()).map(r -> Arguments.of(r, s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scenarios")
    void answersAsTheScenarioExpects(ServerRuntime runtime, Scenario scenario) {
        scenario.expected().verify(scenario.request().sendTo(servers.get(runtime)));
    }
}
