package io.github.jaxrscors.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The runnable demo: a Jersey + Grizzly API on {@code http://localhost:8080} whose CORS policy comes
 * from {@code microprofile-config.properties}, and a page on {@code http://127.0.0.1:8081} (another
 * origin) whose buttons call it. The policy is re-read every second, also from a directory of one file
 * per key (as Kubernetes mounts a ConfigMap) that the banner names. Ports: {@code --api-port=N --page-port=N} or
 * {@code -Ddemo.api-port=N -Ddemo.page-port=N}; 0 picks a free port.
 */
public final class Demo implements AutoCloseable {

    static final int DEFAULT_API_PORT = 8080;
    static final int DEFAULT_PAGE_PORT = 8081;

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger SERVER_LOG = Logger.getLogger("org.glassfish");

    private final DecisionFeed decisions;
    private final URLClassLoader configLoader;
    private final ConfigDirectory configDirectory;
    private final HttpServer api;
    private final URI apiUri;
    private final PageServer page;

    private Demo(DecisionFeed decisions, URLClassLoader configLoader, ConfigDirectory configDirectory, HttpServer api,
            URI apiUri, PageServer page) {
        this.decisions = decisions;
        this.configLoader = configLoader;
        this.configDirectory = configDirectory;
        this.api = api;
        this.apiUri = apiUri;
        this.page = page;
    }

    public static void main(String[] args) throws Exception {
        int apiPort = port(args, "api-port", DEFAULT_API_PORT);
        int pagePort = port(args, "page-port", DEFAULT_PAGE_PORT);
        SERVER_LOG.setLevel(Level.WARNING); // keeps the console for the banner and the CORS decisions
        Demo demo = start(apiPort, pagePort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            System.out.println("jaxrs-cors demo stopped.");
            stopped.countDown();
        }, "demo-shutdown"));
        System.out.println(demo.banner());
        stopped.await();
    }

    /** Starts the API, then the page (which must know the API's address). */
    static Demo start(int apiPort, int pagePort) throws IOException {
        DecisionFeed decisions = DecisionFeed.install();
        ConfigDirectory configDirectory = new ConfigDirectory(Files.createTempDirectory("jaxrs-cors-demo-config-"));
        URLClassLoader configLoader = configLoader(configDirectory);
        HttpServer api = null;
        try {
            api = startApi(apiPort, configLoader);
            URI apiUri = URI.create("http://localhost:" + api.getListener("grizzly").getPort() + "/");
            PageServer page = PageServer.start(pagePort, apiUri, decisions, new RouteTable(ConfigProvider.getConfig(configLoader)));
            return new Demo(decisions, configLoader, configDirectory, api, apiUri, page);
        } catch (IOException | RuntimeException e) {
            if (api != null) {
                api.shutdownNow();
            }
            release(configLoader, configDirectory);
            decisions.close();
            throw e;
        }
    }

    /*
     * The demo's configuration is an ordinary META-INF/microprofile-config.properties, read by
     * MicroProfile Config's standard discovery, as in any application: the jar's drop-in calls
     * ConfigProvider.getConfig(), which looks for that file through the thread's context class loader.
     * The file sits under demo-config/ rather than in META-INF itself, because the demo shares the
     * test classpath with this project's own tests, and there it would configure every one of them.
     * So the API deploys with a class loader that adds demo-config/ to the classpath, and nothing else.
     * For that class loader, the demo registers the configuration MicroProfile Config would discover
     * there, with one source more: the directory of live values.
     */
    private static URLClassLoader configLoader(ConfigDirectory directory) {
        URL configRoot = Demo.class.getClassLoader().getResource("demo-config/");
        if (configRoot == null) {
            throw new IllegalStateException("demo-config/ is missing from the demo's resources");
        }
        URLClassLoader loader = new URLClassLoader("demo-config", new URL[] {configRoot}, Demo.class.getClassLoader());
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        Config config = resolver.getBuilder().forClassLoader(loader).addDefaultSources().addDiscoveredSources()
                .withSources(directory).build();
        resolver.registerConfig(config, loader);
        return loader;
    }

    private static HttpServer startApi(int port, ClassLoader configLoader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(configLoader);
        try {
            ResourceConfig app = new ResourceConfig(DemoApi.RESOURCES)
                    // Without a JAXB implementation Jersey warns that WADL is off; the demo needs no WADL.
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true);
            return GrizzlyHttpServerFactory.createHttpServer(URI.create("http://localhost:" + port + "/"), app);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    URI apiUri() {
        return apiUri;
    }

    URI pageUri() {
        return page.uri();
    }

    /** The directory of live configuration values, one file per key. */
    Path configDirectory() {
        return configDirectory.directory();
    }

    String banner() {
        String pageOrigin = pageUri().toString().replaceAll("/$", "");
        return String.join("\n",
                "",
                "jaxrs-cors demo",
                "  API  " + apiUri + "api/greeting   (CORS policy: demo-config/META-INF/microprofile-config.properties)",
                "  Page " + pageUri() + "   <- open this in a browser: another origin, calling the API",
                "",
                "A preflight by hand:",
                "  curl -i -X OPTIONS " + apiUri + "api/notes/1 \\",
                "       -H 'Origin: " + pageOrigin + "' \\",
                "       -H 'Access-Control-Request-Method: PUT' \\",
                "       -H 'Access-Control-Request-Headers: content-type, x-demo-token'",
                "",
                "Change the policy while the demo runs: every second (cors.refresh-interval) the API re-reads its",
                "configuration, which also comes from " + configDirectory() + ",",
                "one file per key, as Kubernetes mounts a ConfigMap. Allow the header that the button 'PUT with a",
                "header the policy does not allow' sends, then click it again:",
                "  echo 'Content-Type, X-Demo-Token, X-Secret' > " + configDirectory().resolve("cors.allowed-headers"),
                "Delete the file to go back. A value that is not valid is refused (see the WARNING) and never served.",
                "",
                "Decisions of the CORS filter are printed below as they happen. Ctrl-C stops the demo.",
                "");
    }

    @Override
    public void close() {
        page.stop();
        api.shutdownNow();
        release(configLoader, configDirectory);
        decisions.close();
    }

    private static void release(URLClassLoader loader, ConfigDirectory directory) {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(loader));
        try (Stream<Path> files = Files.walk(directory.directory())) {
            loader.close();
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --name=N} from the arguments, else the system property {@code demo.name}, else the default. */
    static int port(String[] args, String name, int defaultPort) {
        String value = System.getProperty("demo." + name);
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                value = arg.substring(name.length() + 3);
            }
        }
        if (value == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a port (0-65535; 0 picks a free one)");
        }
    }
}
