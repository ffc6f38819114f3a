package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.CapturedLog;
import io.github.jaxrscors.testing.MutableConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.ref.Reference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * The refresh schedule's thread: none without {@code cors.refresh-interval}, one per application
 * with it, and none left once Jersey has shut the application down, or once an application that no
 * runtime closed has been dropped.
 */
class RefreshThreadTest {

    private static final Duration DROPPED_WAIT = Duration.ofSeconds(30);

    @Path("items")
    public static class Items {
        @GET
        public String get() {
            return "items";
        }
    }

    @Test
    void withoutARefreshIntervalNoThreadIsStarted() throws Exception {
        long before = refreshThreads();
        try (TestServer server = start(Map.of("cors.allowed-origins", "https://app.example.com"))) {
            assertThat(get(server).status()).isEqualTo(200);
            assertThat(get(server).header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");

            assertThat(refreshThreads()).isEqualTo(before);
        }
    }

    @Test
    void oneDaemonThreadPerApplicationGoneWhenJerseyShutsItDown() throws Exception {
        long before = refreshThreads();
        Map<String, String> config = Map.of("cors.allowed-origins", "https://app.example.com", "cors.refresh-interval", "1s");
        TestServer first = start(config);
        // Jersey builds the first generation when its container starts, and the schedule with it.
        assertThat(refreshThreads()).as("started with the first server").isEqualTo(before + 1);
        TestServer second = start(config);
        try {
            get(first);
            get(first);
            get(second);
            assertThat(refreshThreads()).as("one per application").isEqualTo(before + 2);
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(RefreshSchedule.THREAD_NAME)).allMatch(Thread::isDaemon)).isTrue();

            first.close();
            assertThat(refreshThreads()).as("right after the first server's shutdownNow").isEqualTo(before + 1);
            assertThat(get(second).status()).isEqualTo(200);
        } finally {
            first.close();
            second.close();
        }
        assertThat(refreshThreads()).isEqualTo(before);
    }

    @Test
    void aDeploymentClosedBeforeItsFirstGenerationStartsNoThreadLater() {
        long before = refreshThreads();
        MutableConfigSource source = new MutableConfigSource(Map.of("cors.allowed-origins", "https://app.example.com",
                "cors.refresh-interval", "1s"), "cors.allowed-origins");
        Deployment deployment = new Deployment(() -> MicroProfileSettings.of(source.config()), Runtimes.all());
        deployment.declare(List.of(Items.class));
        deployment.close();

        assertThat(deployment.generation().enabled()).as("a late request is still answered").isTrue();
        assertThat(refreshThreads()).isEqualTo(before);
    }

    /**
     * A runtime that never tells a provider that the application stopped (Quarkus) never closes it:
     * the thread holds its application only weakly, and ends once the application is collected.
     */
    @Test
    void theThreadOfADroppedApplicationEndsOnceTheApplicationIsCollected() throws Exception {
        long before = refreshThreads();
        startAndDrop();
        assertThat(refreshThreads()).as("started with the first generation").isEqualTo(before + 1);

        long deadline = System.nanoTime() + DROPPED_WAIT.toNanos();
        while (refreshThreads() > before) {
            assertThat(System.nanoTime()).as("thread ended within %s of the application being dropped", DROPPED_WAIT)
                    .isLessThan(deadline);
            System.gc();
            Thread.sleep(100);
        }
    }

    /**
     * A server that undeploys an application without telling any provider (Open Liberty) closes the
     * application's class loader, which holds the library: the thread ends then, though the
     * deployment is still reachable, rather than idling on and pinning the loader.
     */
    @Test
    void theThreadEndsOnceTheLibrarysClassLoaderIsClosed() throws Exception {
        long before = refreshThreads();
        URL[] classpath = {Paths.get("target/classes").toUri().toURL(), Paths.get("target/test-classes").toUri().toURL()};
        Object deployment;
        try (LibraryLoader application = new LibraryLoader(classpath, getClass().getClassLoader())) {
            Class<?> starter = application.loadClass(StartedInItsOwnLoader.class.getName());
            assertThat(starter.getClassLoader()).as("the library's classes come from the application's loader").isSameAs(application);
            deployment = starter.getMethod("start").invoke(null);
            assertThat(refreshThreads()).as("started with the first generation").isEqualTo(before + 1);
            Thread.sleep(1_500);
            assertThat(refreshThreads()).as("still refreshing while the loader is open").isEqualTo(before + 1);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (refreshThreads() > before) {
            assertThat(System.nanoTime()).as("thread ended within 10 s of the loader closing").isLessThan(deadline);
            Thread.sleep(100);
        }
        Reference.reachabilityFence(deployment);
    }

    /**
     * A refresh that fails to link (a configuration source missing a class it needs) would leave the
     * executor's thread idle for good, refreshing nothing: it ends, with a WARNING that says so, and
     * the policy in use stays.
     */
    @Test
    void aRefreshThatFailsToLinkEndsTheThreadWithAWarning() throws Exception {
        long before = refreshThreads();
        AtomicBoolean broken = new AtomicBoolean();
        Map<String, String> values = Map.of("cors.allowed-origins", "https://app.example.com", "cors.refresh-interval", "1s");
        ConfigSource source = new ConfigSource() {
            @Override
            public Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public String getValue(String name) {
                if (broken.get()) {
                    throw new NoClassDefFoundError("com/example/SecretStore");
                }
                return values.get(name);
            }

            @Override
            public String getName() {
                return "linkage";
            }
        };
        try (CapturedLog log = CapturedLog.of(DecisionLog.LOGGER)) {
            Deployment deployment = new Deployment(
                    () -> MicroProfileSettings.of(new SmallRyeConfigBuilder().withSources(source).build()), Runtimes.all());
            deployment.declare(List.of(Items.class));
            Generation serving = deployment.generation();
            assertThat(refreshThreads()).as("started with the first generation").isEqualTo(before + 1);

            broken.set(true);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (refreshThreads() > before) {
                assertThat(System.nanoTime()).as("thread ended within 10 s of the failing refresh").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(log.messages(Level.WARNING)).anySatisfy(message ->
                    assertThat(message).contains("CORS configuration refresh failed and has ended"));
            assertThat(deployment.generation()).as("the policy in use stays").isSameAs(serving);
        }
    }

    /** Starts a refreshing deployment in whichever loader loaded this class, and keeps nothing of it but the result. */
    public static final class StartedInItsOwnLoader {

        private StartedInItsOwnLoader() {
        }

        public static Object start() {
            MutableConfigSource source = new MutableConfigSource(Map.of("cors.allowed-origins", "https://app.example.com",
                    "cors.refresh-interval", "1s"), "cors.allowed-origins");
            Deployment deployment = new Deployment(() -> MicroProfileSettings.of(source.config()), Runtimes.all());
            deployment.declare(List.of(Items.class));
            assertThat(deployment.generation().enabled()).isTrue();
            return deployment;
        }
    }

    /** An application's class loader, as a server makes one: the library's classes its own, the rest its parent's. */
    private static final class LibraryLoader extends URLClassLoader {

        private static final String LIBRARY = "io.github.jaxrscors.";

        LibraryLoader(URL[] classpath, ClassLoader parent) {
            super(classpath, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(LIBRARY)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith(LIBRARY.replace('.', '/')) ? findResource(name) : super.getResource(name);
        }
    }

    /** An application that answers a request and is then forgotten, never closed. */
    private static void startAndDrop() {
        StartedInItsOwnLoader.start();
    }

    private static TestServer start(Map<String, String> values) {
        MutableConfigSource source = new MutableConfigSource(values, "cors.allowed-origins");
        return TestServer.start(new ResourceConfig(Items.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(source.config()))));
    }

    private static Reply get(TestServer server) {
        return server.send("GET", "items", "Origin", "https://app.example.com");
    }

    static long refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(RefreshSchedule.THREAD_NAME) && thread.isAlive()).count();
    }
}
