package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jersey 4 as a servlet in Tomcat 11: the WAR brings Jersey, SmallRye Config and the library. One
 * Tomcat serves the application and a copy with the configuration mistake, as two contexts.
 */
class TomcatIT {

    private static final String REFRESH_THREAD = "jaxrs-cors-refresh";

    private static ServerProcess tomcat;
    private static URI base;

    @BeforeAll
    static void start() {
        Path work = Modules.tempDir("tomcat");
        Path war = Modules.target("servlet-war", "app.war");
        Path broken = Wars.withBadOrigin(war, work.resolve("broken.war"));
        Path plain = Wars.withoutLibrary(war, work.resolve("plain.war"));
        Path refreshing = Wars.variant(war, work.resolve("refreshing.war"),
                Map.of(Wars.CONFIG, Wars.config() + "cors.refresh-interval=1s\n"));
        int port = Ports.free();
        base = URI.create("http://127.0.0.1:" + port + "/");
        tomcat = ServerProcess.start("tomcat-11-jersey-4", Modules.javaCommand("tomcat", "io.github.jaxrscors.compat.tomcat.Main", Map.of(),
                Integer.toString(port), work.resolve("tomcat").toString(), "app=" + war, "broken=" + broken, "plain=" + plain,
                "refreshing=" + refreshing), work, Map.of());
        tomcat.awaitReady(PlainJvm.START, "started http");
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void dropIn() {
        DropInChecks.assertDropIn(base.resolve("app/api/"), tomcat::describe);
    }

    /** Tomcat keeps a context whose servlet failed to start: it answers 500, and the log says why. */
    @Test
    void configurationMistakeAnswers500AndIsLogged() {
        HttpResponse<String> response = DropInChecks.get(base.resolve("broken/api/items"), DropInChecks.APP);
        assertThat(response.statusCode()).as("the broken context" + tomcat.describe()).isEqualTo(500);
        assertThat(DropInChecks.header(response, "Access-Control-Allow-Origin")).isEmpty();
        DropInChecks.assertLibraryMessage(tomcat.output());
        assertThat(tomcat.output()).as("logged as an error").contains("SEVERE");
    }

    /**
     * Undeploying an application ends its refresh thread before Tomcat looks for threads the
     * application left running, which Tomcat reports as a memory leak (the thread would pin the
     * application's class loader).
     */
    @Test
    void undeployingEndsTheRefreshThread() {
        assertThat(DropInChecks.get(base.resolve("refreshing/api/items"), DropInChecks.APP).statusCode())
                .as("the refreshing application serves" + tomcat.describe()).isEqualTo(200);
        assertThat(tomcat.threadsNamed(REFRESH_THREAD)).as("refresh threads while deployed").isEqualTo(1);

        int mark = tomcat.mark();
        tomcat.send("undeploy refreshing");
        assertThat(tomcat.awaitOutput(Duration.ofSeconds(60), "undeployed /refreshing")).as("undeployed" + tomcat.describe()).isTrue();
        String undeployment = tomcat.outputSince(mark, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(undeployment).as("Tomcat's report of threads left behind")
                .doesNotContain("appears to have started a thread named [" + REFRESH_THREAD + "]");
        assertThat(tomcat.threadsNamed(REFRESH_THREAD)).as("refresh threads after undeployment").isZero();
        assertThat(DropInChecks.get(base.resolve("refreshing/api/items"), DropInChecks.APP).statusCode()).isEqualTo(404);
    }

    @Test
    void unmappedException() {
        UnmappedException.assertReadable("tomcat-11-jersey-4", new UnmappedException.Deployment(base.resolve("app/api/"), tomcat, "app"),
                new UnmappedException.Deployment(base.resolve("plain/api/"), tomcat, "plain"));
    }
}
