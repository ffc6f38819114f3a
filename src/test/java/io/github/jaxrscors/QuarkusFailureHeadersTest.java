package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the filter that keeps the CORS headers on Quarkus's error page is installed: on both of
 * Quarkus's REST stacks, and nowhere else, whatever else the classpath holds. Elsewhere it would run
 * at every decided request for nothing.
 */
class QuarkusFailureHeadersTest {

    private static final String VERTX_WEB = "io.vertx.ext.web.RoutingContext";
    private static final String RESTEASY_CORE = "org.jboss.resteasy.core.ResteasyContext";

    enum Installed { NONE, CLASSIC, REACTIVE }

    /** A runtime: the class of its {@code RuntimeDelegate} and the classes its classpath holds. */
    record Case(String description, String runtimeDelegate, Set<String> visible, Installed expected) {

        @Override
        public String toString() {
            return description;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("quarkus-rest (RESTEasy Reactive) on Vert.x Web",
                    "org.jboss.resteasy.reactive.common.jaxrs.RuntimeDelegateImpl", Set.of(VERTX_WEB), Installed.REACTIVE),
            new Case("quarkus-resteasy (classic RESTEasy) on Vert.x Web",
                    "org.jboss.resteasy.core.providerfactory.ResteasyProviderFactoryImpl", Set.of(VERTX_WEB, RESTEASY_CORE),
                    Installed.CLASSIC),
            new Case("RESTEasy on Undertow", "org.jboss.resteasy.core.providerfactory.ResteasyProviderFactoryImpl",
                    Set.of(RESTEASY_CORE), Installed.NONE),
            new Case("Jersey", "org.glassfish.jersey.internal.RuntimeDelegateImpl", Set.of(), Installed.NONE),
            new Case("Jersey with Vert.x Web and RESTEasy's core on the classpath",
                    "org.glassfish.jersey.internal.RuntimeDelegateImpl", Set.of(VERTX_WEB, RESTEASY_CORE), Installed.NONE),
            new Case("Jersey's server delegate with Vert.x Web and RESTEasy's core on the classpath",
                    "org.glassfish.jersey.server.internal.RuntimeDelegateImpl", Set.of(VERTX_WEB, RESTEASY_CORE),
                    Installed.NONE));

    static List<Case> cases() {
        return CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void installedOnQuarkusOnly(Case c) {
        QuarkusFailureHeaders filter = QuarkusFailureHeaders.forRuntime(c.runtimeDelegate(), c.visible()::contains);

        Installed installed = filter == null ? Installed.NONE : filter.reactive ? Installed.REACTIVE : Installed.CLASSIC;
        assertThat(installed).isEqualTo(c.expected());
    }
}
