package hello;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Jersey on Grizzly, on a free loopback port that it prints. It names no CORS class: whether CORS is
 * handled depends only on whether the library's jar is on the classpath (its drop-in installs it).
 */
public final class JerseyServer {

    public static void main(String[] args) throws Exception {
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://127.0.0.1:0/"), new ResourceConfig(Hello.class), true);
        System.out.println("PORT " + server.getListener("grizzly").getPort());
        Thread.currentThread().join();
    }
}
