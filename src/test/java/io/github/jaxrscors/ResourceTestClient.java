package io.github.jaxrscors;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/** Sends browser-like requests over real HTTP to a test server, and builds test configurations. */
final class ResourceTestClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;

    ResourceTestClient(URI base) {
        this.base = base;
    }

    /** A configuration from {@code properties} (ordinal 100) and environment variables (ordinal 300). */
    static Config config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test-properties", 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }

    HttpResponse<String> actual(String method, String path, String origin) {
        return send(method, path, origin == null ? Map.of() : Map.of(CorsHeaders.ORIGIN, origin));
    }

    HttpResponse<String> preflight(String path, String origin, String requestMethod, String requestHeaders) {
        Map<String, String> headers = new TreeMap<>();
        headers.put(CorsHeaders.ORIGIN, origin);
        headers.put(CorsHeaders.REQUEST_METHOD, requestMethod);
        if (requestHeaders != null) {
            headers.put(CorsHeaders.REQUEST_HEADERS, requestHeaders);
        }
        return send("OPTIONS", path, headers);
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(relative))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            try {
                return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException closedByServer) {
                // Grizzly closes the connection after some error responses; the pool may hand it out once more.
                return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code Access-Control-*} header and {@code Vary}, names lower-cased, values joined. */
    static Map<String, String> corsHeaders(HttpResponse<?> response) {
        Map<String, String> found = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("access-control-") || lower.equals("vary")) {
                found.put(lower, String.join(", ", values));
            }
        });
        return found;
    }
}
