package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro 7 (Jersey and its own MicroProfile Config): the WAR holds the application and the
 * library alone. Both WARs, the good one and the one with the configuration mistake, are deployed
 * from one deployment folder.
 */
class PayaraMicroIT {

    private static ServerProcess payara;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        Path work = Modules.tempDir("payara");
        Path deployments = Files.createDirectories(work.resolve("deployments"));
        Path war = Modules.target("ee-war", "app.war");
        Files.copy(war, deployments.resolve("app.war"), StandardCopyOption.REPLACE_EXISTING);
        Wars.withBadOrigin(war, deployments.resolve("broken.war"));
        Wars.withoutLibrary(war, deployments.resolve("plain.war"));
        Path java = Modules.java21("Payara Micro 7");
        int port = Ports.free();
        base = URI.create("http://127.0.0.1:" + port + "/");
        payara = ServerProcess.start("payara-micro-7", List.of(java.toString(), "-jar", System.getProperty("payara.jar"),
                "--nocluster", "--disablephonehome", "--interfaces", "127.0.0.1", "--port", Integer.toString(port),
                "--rootdir", work.resolve("root").toString(), "--deploymentDir", deployments.toString()), work, Map.of());
        // Payara reports its archives deployed even when one failed to start, so wait for the end of the start.
        payara.awaitReady(Duration.ofSeconds(240), "ready in");
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
    }

    @Test
    void dropIn() {
        DropInChecks.assertDropIn(base.resolve("app/api/"), payara::describe);
    }

    @Test
    void configurationMistakeFailsTheDeploymentAndIsLogged() {
        HttpResponse<String> response = DropInChecks.get(base.resolve("broken/api/items"), DropInChecks.APP);
        assertThat(response.statusCode()).as("the broken application does not serve" + payara.describe()).isNotEqualTo(200);
        assertThat(DropInChecks.header(response, "Access-Control-Allow-Origin")).isEmpty();
        DropInChecks.assertLibraryMessage(payara.output());
        System.out.println("payara: broken deployment answers " + response.statusCode());
    }

    @Test
    void unmappedExceptionIsPayarasOwnErrorReport() {
        UnmappedException.assertUnreadable("payara-micro-7", new UnmappedException.Deployment(base.resolve("app/api/"), payara, "app"),
                new UnmappedException.Deployment(base.resolve("plain/api/"), payara, "plain"));
    }
}
