package hello;

import jakarta.ws.rs.core.Application;
import java.net.ServerSocket;
import java.util.Set;
import org.jboss.resteasy.plugins.interceptors.CorsFilter;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/**
 * RESTEasy on Undertow, on a free loopback port that it prints. With the argument {@code own} it
 * registers RESTEasy's own {@link CorsFilter}; otherwise CORS is handled only if the library's jar
 * is on the classpath (its drop-in installs it).
 */
public final class ResteasyServer {

    static boolean ownCorsFilter;

    public static class HelloApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Hello.class);
        }

        @Override
        public Set<Object> getSingletons() {
            if (!ownCorsFilter) {
                return Set.of();
            }
            CorsFilter cors = new CorsFilter();
            cors.getAllowedOrigins().add(System.getProperty("cors.allowed-origins"));
            return Set.of(cors);
        }
    }

    public static void main(String[] args) throws Exception {
        ownCorsFilter = args.length > 0 && args[0].equals("own");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        UndertowJaxrsServer server = new UndertowJaxrsServer();
        server.setHostname("127.0.0.1").setPort(port);
        server.start();
        server.deploy(HelloApplication.class);
        System.out.println("PORT " + port);
        Thread.currentThread().join();
    }
}
