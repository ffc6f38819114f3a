package io.github.jaxrscors;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A Jersey application on Grizzly, on a free loopback port so that concurrent builds never collide. */
final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    final int port;

    LoopbackServer(ResourceConfig application) {
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application, true);
        NetworkListener listener = server.getListeners().iterator().next();
        port = listener.getPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + path);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
