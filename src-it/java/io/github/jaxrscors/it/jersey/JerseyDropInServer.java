package io.github.jaxrscors.it.jersey;

import io.github.jaxrscors.it.app.DropInApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A plain Jersey + Grizzly application, as a user writes it: no line mentions CORS. */
public final class JerseyDropInServer {

    private JerseyDropInServer() {
    }

    public static void main(String[] args) {
        ForkedMain.serve(() -> {
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    ResourceConfig.forApplicationClass(DropInApplication.class));
            return new ForkedMain.Started(server.getListeners().iterator().next().getPort(), server::shutdownNow);
        });
    }
}
