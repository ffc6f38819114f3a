package io.github.jaxrscors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A Jersey application on Grizzly at a random port, and a plain HTTP client that sends headers the
 * way a browser does ({@code Origin} included, repeated headers kept as separate lines).
 */
final class JerseyHarness implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final HttpServer server;
    final URI base;

    private JerseyHarness(HttpServer server) {
        this.server = server;
        this.base = URI.create("http://localhost:" + server.getListener("grizzly").getPort() + "/");
    }

    static JerseyHarness start(ResourceConfig app) {
        return new JerseyHarness(GrizzlyHttpServerFactory.createHttpServer(URI.create("http://localhost:0/"), app));
    }

    /**
     * Starts the application while MicroProfile Config resolves to {@code config}, so that the
     * drop-in feature (which calls {@code ConfigProvider.getConfig()}) reads a controlled
     * configuration: the config is registered for a fresh class loader used as the thread's
     * context class loader during deployment, then released, and no global state leaks.
     */
    static JerseyHarness startWithConfig(ResourceConfig app, Map<String, String> config) {
        return withConfig(config, () -> start(app));
    }

    static <T> T withConfig(Map<String, String> properties, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader isolated = new URLClassLoader(new URL[0], previous);
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        Config config = config(properties);
        resolver.registerConfig(config, isolated);
        thread.setContextClassLoader(isolated);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
            resolver.releaseConfig(config);
        }
    }

    /** A config holding exactly these properties, nothing from the environment or system properties. */
    static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    /** Sends a request; {@code headers} alternate name, value; a name given twice is sent on two lines. */
    Reply send(String method, String path, String... headers) {
        return sendWithBody(method, path, null, headers);
    }

    Reply sendWithBody(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** This server's own origin, as a browser on a page it served would send it. */
    String ownOrigin() {
        return "http://localhost:" + base.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** An HTTP response; header names compare case-insensitively. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        Reply {
            Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            byName.putAll(headers);
            headers = byName;
        }

        /** Every value of the header, one per header line; empty when absent. */
        List<String> all(String name) {
            return headers.getOrDefault(name, List.of());
        }

        /** The single value of the header, or null when absent; fails when it was sent more than once. */
        String header(String name) {
            List<String> values = all(name);
            if (values.size() > 1) {
                throw new AssertionError(name + " sent " + values.size() + " times: " + values);
            }
            return values.isEmpty() ? null : values.get(0);
        }

        /** The elements of a comma-separated header across all its lines, trimmed. */
        List<String> elements(String name) {
            return all(name).stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        }

        /** The names of the {@code Access-Control-*} response headers present. */
        List<String> corsHeaders() {
            return headers.keySet().stream().filter(n -> n.regionMatches(true, 0, "Access-Control-", 0, 15)).toList();
        }
    }
}
