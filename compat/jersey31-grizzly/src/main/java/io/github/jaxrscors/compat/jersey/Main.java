package io.github.jaxrscors.compat.jersey;

import io.github.jaxrscors.compat.app.Resources;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** Jersey on Grizzly, as an embedded application starts it: {@code Main <port>}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + args[0] + "/api/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(base, new ResourceConfig(Resources.CLASSES));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("started " + base);
        Thread.currentThread().join();
    }
}
