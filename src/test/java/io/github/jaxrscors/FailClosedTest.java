package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.CapturedLog;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the library cannot know the application's policy — a {@code @Cors} mistake it finds only
 * after deployment, or a runtime that never reports the resource methods — it never answers with
 * the default policy: the start fails where the runtime lets it, and otherwise every cross-origin
 * request is refused, for good, with the cause logged once at ERROR.
 */
class FailClosedTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final Map<String, String> CONFIG = Map.of("cors.allowed-origins", ORIGIN, "cors.allowed-methods", "PUT");

    /** Sub-resource locators only: Jersey shows a dynamic feature no resource method of it. */
    @Path("stores")
    public static class LocatorsOnly {
        @Path("{id}")
        @Cors(origins = "https://*.co.uk")
        public Store store() {
            return new Store();
        }
    }

    public static class Store {
        @GET
        public String get() {
            return "store";
        }
    }

    @Path("items")
    public static class Items {
        @GET
        public String get() {
            return "items";
        }
    }

    private CapturedLog log;

    @BeforeEach
    void captureLog() {
        log = CapturedLog.of(DecisionLog.LOGGER);
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private static Feature feature() {
        return new Installation(null, () -> MicroProfileSettings.of(TestConfig.of(CONFIG)));
    }

    @Test
    void aMistakeFoundOnlyAtStartStopsTheServer() {
        Throwable thrown = catchThrowable(() -> TestServer.start(new ResourceConfig(LocatorsOnly.class).register(feature())).close());

        assertThat(thrown).isInstanceOf(CorsConfigException.class)
                .hasMessageContaining(LocatorsOnly.class.getName() + "#store").hasMessageContaining("'https://*.co.uk'");
    }

    @Test
    void whereTheRuntimeKeepsServingEveryCrossOriginRequestIsRefusedForGood() throws Exception {
        // An ApplicationHandler without a container is never told that it starts, as some runtimes never tell.
        ApplicationHandler app = new ApplicationHandler(new ResourceConfig(LocatorsOnly.class).register(feature()));

        for (int i = 1; i <= 100; i++) {
            assertThat(send(app, "GET", "stores/1", "Origin", ORIGIN).getStatus()).as("request %d", i).isEqualTo(403);
        }
        ContainerResponse preflight = send(app, "OPTIONS", "stores/1", "Origin", ORIGIN, "Access-Control-Request-Method", "GET");
        ContainerResponse noOrigin = send(app, "GET", "stores/1");

        assertThat(preflight.getStatus()).isEqualTo(403);
        assertThat(preflight.getHeaders().keySet()).noneMatch(name -> name.startsWith("Access-Control-"));
        assertThat(noOrigin.getStatus()).as("not a CORS request").isEqualTo(200);
        assertThat(noOrigin.getEntity()).isEqualTo("store");
        assertThat(errors()).singleElement().satisfies(message -> assertThat(message)
                .contains("every cross-origin request will be refused", LocatorsOnly.class.getName() + "#store"));
    }

    @Test
    void aRuntimeThatNeverReportsResourcesIsRefusedLoudly() throws Exception {
        ApplicationHandler app = new ApplicationHandler(new ResourceConfig(Items.class).register(new HidingResources(feature())));

        ContainerResponse actual = send(app, "GET", "items", "Origin", ORIGIN);
        ContainerResponse again = send(app, "GET", "items", "Origin", ORIGIN);
        ContainerResponse preflight = send(app, "OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");

        assertThat(List.of(actual.getStatus(), again.getStatus(), preflight.getStatus())).containsOnly(403);
        assertThat(errors()).singleElement().satisfies(message -> assertThat(message)
                .contains("never reported", "DynamicFeature", "jandex", "register new CorsFeature()"));
    }

    @Test
    void aRuntimeThatNeverReportsResourcesCannotStartAServer() {
        Throwable thrown = catchThrowable(() -> TestServer.start(
                new ResourceConfig(Items.class).register(new HidingResources(feature()))).close());

        assertThat(thrown).isInstanceOf(CorsConfigException.class).hasMessageContaining("never reported");
    }

    private List<String> errors() {
        return log.messages(Level.SEVERE);
    }

    private static ContainerResponse send(ApplicationHandler app, String method, String path, String... headers)
            throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost/" + path),
                method, null, new MapPropertiesDelegate(), app.getConfiguration());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return app.apply(request).get();
    }

    /**
     * Installs a feature the way a runtime that hides the application's resources would: dynamic
     * features registered by it are dropped, and the application's classes are not shown.
     */
    static final class HidingResources implements Feature {
        private final Feature feature;

        HidingResources(Feature feature) {
            this.feature = feature;
        }

        @Override
        public boolean configure(FeatureContext context) {
            Configuration hiddenClasses = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getClasses", "getInstances" -> Set.of();
                        default -> invoke(method, context.getConfiguration(), args);
                    });
            FeatureContext hiding = (FeatureContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {FeatureContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConfiguration")) {
                            return hiddenClasses;
                        }
                        if (method.getName().equals("register") && args[0] instanceof DynamicFeature) {
                            return proxy;
                        }
                        Object result = invoke(method, context, args);
                        return result == context ? proxy : result;
                    });
            return feature.configure(hiding);
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
