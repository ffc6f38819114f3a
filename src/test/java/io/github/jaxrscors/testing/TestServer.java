package io.github.jaxrscors.testing;

import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A Jersey application on Grizzly at a free port of 127.0.0.1, in this JVM, and requests to it as a
 * page at {@code http://localhost:<port>} sends them (see {@link LoopbackHttp}). A failed deployment
 * throws from {@code start}, as it would from the application's own start.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(new ResourceConfig(Items.class), policy)) {
 *     Reply reply = server.send("OPTIONS", "items", "Origin", ORIGIN, "Access-Control-Request-Method", "PUT");
 *     assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {

    private final HttpServer server;
    private final URI base;

    private TestServer(HttpServer server) {
        this.server = server;
        this.base = URI.create("http://localhost:" + server.getListeners().iterator().next().getPort() + "/");
    }

    /** The application as given: with the feature the test registered, or the drop-in's without a config. */
    public static TestServer start(ResourceConfig app) {
        return new TestServer(GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app));
    }

    /** With {@code new CorsFeature(policy)}, as an application gives a policy in code. */
    public static TestServer start(ResourceConfig app, CorsPolicy policy) {
        return start(app.register(new CorsFeature(policy)));
    }

    /** With the feature reading its policies from {@code config} (see {@link TestConfig}). */
    public static TestServer start(ResourceConfig app, Config config) {
        return start(app.register(new Installation(null, () -> MicroProfileSettings.of(config))));
    }

    /**
     * Without registering anything: the drop-in installs itself and reads {@code ConfigProvider.getConfig()},
     * which returns {@code config} while the application deploys.
     */
    public static TestServer startDropIn(ResourceConfig app, Config config) {
        return withConfigProvider(config, () -> start(app));
    }

    /**
     * Runs {@code action} while {@code ConfigProvider.getConfig()} returns {@code config}: the config is
     * registered for a fresh class loader, the thread's context class loader meanwhile, and released
     * afterwards, so nothing leaks into other tests.
     */
    public static <T> T withConfigProvider(Config config, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader isolated = new URLClassLoader(new URL[0], previous);
        resolver.registerConfig(config, isolated);
        thread.setContextClassLoader(isolated);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
            resolver.releaseConfig(config);
        }
    }

    /** Sends a request without a body; {@code headers} alternate name and value, a name given twice goes on two lines. */
    public Reply send(String method, String path, String... headers) {
        return LoopbackHttp.plain().send(method, uri(path), headers);
    }

    public Reply sendWithBody(String method, String path, String body, String... headers) {
        return LoopbackHttp.plain().sendWithBody(method, uri(path), body, headers);
    }

    /** Sends each of {@code headerLines} verbatim, for what no browser sends (see {@link LoopbackHttp#sendLines}). */
    public Reply sendLines(String method, String path, List<String> headerLines) {
        return LoopbackHttp.plain().sendLines(method, uri(path), headerLines);
    }

    /** {@code path} below the application's root, with or without a leading slash, left encoded as given. */
    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public int port() {
        return base.getPort();
    }

    /** This server's own origin, as a browser on a page it served sends it. */
    public String ownOrigin() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
