package io.github.jaxrscors.it.jersey;

import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.app.RefreshApplication;
import io.github.jaxrscors.it.app.SystemPropertiesResource;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** {@link RefreshApplication} on Jersey + Grizzly; tells how many refresh threads its shutdown left. */
public final class JerseyRefreshServer {

    private JerseyRefreshServer() {
    }

    public static void main(String[] args) {
        ForkedMain.serve(() -> {
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    ResourceConfig.forApplicationClass(RefreshApplication.class));
            return new ForkedMain.Started(server.getListeners().iterator().next().getPort(), () -> {
                server.shutdownNow();
                System.out.println(ForkedMain.THREADS_AFTER_SHUTDOWN + SystemPropertiesResource.refreshThreadCount());
            });
        });
    }
}
