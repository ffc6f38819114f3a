package io.github.jaxrscors.it.jersey;

import io.github.jaxrscors.it.app.ForkedMain;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** Any of the tests' applications on Jersey + Grizzly, named by {@code -Dit.application} ({@link ForkedMain#APPLICATION}). */
public final class JerseyServer {

    private JerseyServer() {
    }

    public static void main(String[] args) {
        ForkedMain.serve(() -> {
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    ResourceConfig.forApplicationClass(ForkedMain.application()));
            return new ForkedMain.Started(server.getListeners().iterator().next().getPort(), server::shutdownNow);
        });
    }
}
