package io.github.jaxrscors.runtime.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.runtime.quarkus.QuarkusSupport.Stack;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the filter that keeps the CORS headers on Quarkus's error page is installed: on both of
 * Quarkus's REST stacks, and nowhere else, whatever else the class path holds. Elsewhere it would run
 * at every decided request for nothing (on Jersey, its thread-local look-up showed in the profile of
 * the end-to-end load test).
 */
class QuarkusSupportTest {

    private static final String VERTX_WEB = "io.vertx.ext.web.RoutingContext";
    private static final String RESTEASY_CORE = "org.jboss.resteasy.core.ResteasyContext";
    private static final String RESTEASY = "org.jboss.resteasy.core.providerfactory.ResteasyProviderFactoryImpl";
    private static final String JERSEY = "org.glassfish.jersey.internal.RuntimeDelegateImpl";

    /** A runtime: the class of its {@code RuntimeDelegate} and the classes its class path holds. */
    record Case(String description, String runtimeDelegate, Set<String> visible, Stack expected) {

        @Override
        public String toString() {
            return description;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("quarkus-rest (RESTEasy Reactive) on Vert.x Web",
                        "org.jboss.resteasy.reactive.common.jaxrs.RuntimeDelegateImpl", Set.of(VERTX_WEB), Stack.REACTIVE),
                new Case("quarkus-resteasy (classic RESTEasy) on Vert.x Web", RESTEASY, Set.of(VERTX_WEB, RESTEASY_CORE),
                        Stack.CLASSIC),
                new Case("RESTEasy on Undertow", RESTEASY, Set.of(RESTEASY_CORE), Stack.NONE),
                new Case("Jersey", JERSEY, Set.of(), Stack.NONE),
                new Case("Jersey with Vert.x Web and RESTEasy's core on the class path", JERSEY,
                        Set.of(VERTX_WEB, RESTEASY_CORE), Stack.NONE),
                new Case("Jersey's server delegate with Vert.x Web and RESTEasy's core on the class path",
                        "org.glassfish.jersey.server.internal.RuntimeDelegateImpl", Set.of(VERTX_WEB, RESTEASY_CORE),
                        Stack.NONE),
                new Case("CXF with Vert.x Web and RESTEasy's core on the class path",
                        "org.apache.cxf.jaxrs.impl.RuntimeDelegateImpl", Set.of(VERTX_WEB, RESTEASY_CORE), Stack.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void installedOnQuarkusOnly(Case c) {
        assertThat(QuarkusSupport.stack(c.runtimeDelegate(), c.visible()::contains)).isEqualTo(c.expected());
    }
}
