package io.github.jaxrscors.it.field.app;

import io.github.jaxrscors.it.app.ForkedMain;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** {@link FieldApplication} on Jersey + Grizzly, on a free loopback port, in a JVM of its own. */
public final class FieldServer {

    private FieldServer() {
    }

    public static void main(String[] args) {
        ForkedMain.serve(() -> {
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    ResourceConfig.forApplicationClass(FieldApplication.class));
            return new ForkedMain.Started(server.getListeners().iterator().next().getPort(), server::shutdownNow);
        });
    }
}
