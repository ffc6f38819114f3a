package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.jersey.JerseyRefreshServer;
import io.github.jaxrscors.it.resteasy.RestEasyRefreshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live reconfiguration on Jersey + Grizzly and on RESTEasy + Undertow, each in a JVM of its own
 * whose system properties (which MicroProfile Config reads anew) the test changes: the reload an
 * application exposes through {@code CorsFeature.reload(@Context Configuration)}, and
 * {@code cors.refresh-interval} with its one thread, gone after the runtime's shutdown.
 */
class LiveReconfigurationIT {

    private static final String APP = "https://app.example.com";
    private static final String PARTNER = "https://partner.example.com";
    private static final String NEW = "https://new.example.com";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    enum Runtime {
        JERSEY(JerseyRefreshServer.class, "jersey"),
        RESTEASY(RestEasyRefreshServer.class, "resteasy");

        final Class<?> main;
        final String classpath;

        Runtime(Class<?> main, String classpath) {
            this.main = main;
            this.classpath = classpath;
        }
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void anAdminEndpointReloadsThroughTheInjectedConfiguration(Runtime runtime) throws Exception {
        ForkedJvm server = new ForkedJvm.Spec(runtime.main, runtime.classpath).configDirectory("refresh").start();
        try {
            URI base = server.awaitListening();
            assertThat(get(base, "api/items", NEW).statusCode()).isEqualTo(403);

            setProperty(base, "cors.allowed-origins", APP + ", " + NEW);
            HttpResponse<String> reloaded = reload(base);
            assertThat(reloaded.body()).as(server.output()).isEqualTo("true");
            assertThat(get(base, "api/items", NEW).headers().allValues("Access-Control-Allow-Origin")).containsExactly(NEW);
            assertThat(reload(base).body()).as("nothing changed since").isEqualTo("false");

            setProperty(base, "cors.policy.partners.allowed-origins", "*");
            HttpResponse<String> refused = reload(base);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).startsWith("cors.policy.partners.allowed-origins | * | '*' cannot be combined "
                    + "with credentials (@Cors(allowCredentials) on class io.github.jaxrscors.it.app.RefreshedPartnerResource");
            HttpResponse<String> partner = get(base, "api/partners", PARTNER);
            assertThat(partner.headers().allValues("Access-Control-Allow-Origin")).as("the previous policy answers")
                    .containsExactly(PARTNER);
            assertThat(partner.headers().allValues("Access-Control-Allow-Credentials")).containsExactly("true");
            assertThat(get(base, "api/partners", "https://anyone.example").statusCode()).isEqualTo(403);

            assertThat(send("GET", base.resolve("test/refresh-threads"), Map.of()).body())
                    .as("no refresh thread without cors.refresh-interval").isEqualTo("0");
        } finally {
            server.close();
        }
        assertThat(server.output()).contains(ForkedMain.THREADS_AFTER_SHUTDOWN + "0");
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void theRefreshIntervalPicksUpAChangeOnOneThreadThatTheShutdownEnds(Runtime runtime) throws Exception {
        ForkedJvm server = new ForkedJvm.Spec(runtime.main, runtime.classpath).configDirectory("refresh")
                .systemProperty("cors.refresh-interval", "1s").start();
        try {
            URI base = server.awaitListening();
            assertThat(get(base, "api/items", APP).statusCode()).isEqualTo(200);
            assertThat(send("GET", base.resolve("test/refresh-threads"), Map.of()).body()).isEqualTo("1");

            setProperty(base, "cors.allowed-origins", NEW);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (get(base, "api/items", NEW).statusCode() != 200) {
                assertThat(System.nanoTime()).as("new origin allowed within %s", WAIT).isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(get(base, "api/items", APP).statusCode()).isEqualTo(403);
            assertThat(server.output()).contains("CORS configuration changed; the new policy is active");
        } finally {
            server.close();
        }
        if (runtime == Runtime.RESTEASY) {
            assertThat(server.output()).as("UndertowJaxrsServer.stop() leaves the application deployed")
                    .contains(RestEasyRefreshServer.LISTENER_STOPPED + "1");
        }
        assertThat(server.output()).contains(ForkedMain.THREADS_AFTER_SHUTDOWN + "0");
    }

    private static void setProperty(URI base, String key, String value) {
        HttpResponse<String> set = send("PUT", base.resolve("test/properties/" + key + "?value="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)), Map.of());
        assertThat(set.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> reload(URI base) {
        return send("POST", base.resolve("admin/cors/reload"), Map.of());
    }

    private static HttpResponse<String> get(URI base, String path, String origin) {
        return send("GET", base.resolve(path), Map.of("Origin", origin));
    }

    /** HTTP/1.1, as browsers speak to these servers: the JDK client's upgrade to HTTP/2 stalls Grizzly. */
    private static HttpResponse<String> send(String method, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
