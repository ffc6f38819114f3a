package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.LoopbackHttp;
import io.github.jaxrscors.testing.Reply;

import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.resteasy.RestEasyRefreshServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void anAdminEndpointReloadsThroughTheInjectedConfiguration(ServerRuntime runtime) throws Exception {
        ForkedJvm server = new ForkedJvm.Spec(runtime.refresh, runtime.classpath).configDirectory("refresh").start();
        try {
            URI base = server.awaitListening();
            assertThat(get(base, "api/items", NEW).status()).isEqualTo(403);

            setProperty(base, "cors.allowed-origins", APP + ", " + NEW);
            Reply reloaded = reload(base);
            assertThat(reloaded.body()).as(server.output()).isEqualTo("true");
            assertThat(get(base, "api/items", NEW).all("Access-Control-Allow-Origin")).containsExactly(NEW);
            assertThat(reload(base).body()).as("nothing changed since").isEqualTo("false");

            setProperty(base, "cors.policy.partners.allowed-origins", "*");
            Reply refused = reload(base);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).startsWith("cors.policy.partners.allowed-origins | * | '*' cannot be combined "
                    + "with credentials (@Cors(allowCredentials) on class io.github.jaxrscors.it.app.RefreshedPartnerResource");
            Reply partner = get(base, "api/partners", PARTNER);
            assertThat(partner.all("Access-Control-Allow-Origin")).as("the previous policy answers")
                    .containsExactly(PARTNER);
            assertThat(partner.all("Access-Control-Allow-Credentials")).containsExactly("true");
            assertThat(get(base, "api/partners", "https://anyone.example").status()).isEqualTo(403);

            assertThat(send("GET", base.resolve("test/refresh-threads")).body())
                    .as("no refresh thread without cors.refresh-interval").isEqualTo("0");
        } finally {
            server.close();
        }
        assertThat(server.output()).contains(ForkedMain.THREADS_AFTER_SHUTDOWN + "0");
    }

    @ParameterizedTest
    @EnumSource(ServerRuntime.class)
    void theRefreshIntervalPicksUpAChangeOnOneThreadThatTheShutdownEnds(ServerRuntime runtime) throws Exception {
        ForkedJvm server = new ForkedJvm.Spec(runtime.refresh, runtime.classpath).configDirectory("refresh")
                .systemProperty("cors.refresh-interval", "1s").start();
        try {
            URI base = server.awaitListening();
            assertThat(get(base, "api/items", APP).status()).isEqualTo(200);
            assertThat(send("GET", base.resolve("test/refresh-threads")).body()).isEqualTo("1");

            setProperty(base, "cors.allowed-origins", NEW);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (get(base, "api/items", NEW).status() != 200) {
                assertThat(System.nanoTime()).as("new origin allowed within %s", WAIT).isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(get(base, "api/items", APP).status()).isEqualTo(403);
            // The refresh thread logs once the new generation answers: the line may trail the first answer.
            while (!server.output().contains("CORS configuration changed; the new policy is active")) {
                assertThat(System.nanoTime()).as("the change logged within %s", WAIT).isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            server.close();
        }
        if (runtime == ServerRuntime.RESTEASY) {
            assertThat(server.output()).as("UndertowJaxrsServer.stop() leaves the application deployed")
                    .contains(RestEasyRefreshServer.LISTENER_STOPPED + "1");
        }
        assertThat(server.output()).contains(ForkedMain.THREADS_AFTER_SHUTDOWN + "0");
    }

    private static void setProperty(URI base, String key, String value) {
        Reply set = send("PUT", base.resolve("test/properties/" + key + "?value="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        assertThat(set.status()).isEqualTo(200);
    }

    private static Reply reload(URI base) {
        return send("POST", base.resolve("admin/cors/reload"));
    }

    private static Reply get(URI base, String path, String origin) {
        return send("GET", base.resolve(path), "Origin", origin);
    }

    private static Reply send(String method, URI uri, String... headers) {
        return LoopbackHttp.plain().send(method, uri, headers);
    }
}
