package io.github.jaxrscors.compat.resteasy;

import io.github.jaxrscors.compat.app.Resources;
import io.undertow.Undertow;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/** RESTEasy on Undertow, as an embedded application starts it: {@code Main <port>}. */
public final class Main {

    private Main() {
    }

    /** Public: RESTEasy instantiates the application class itself. */
    public static final class Api extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Resources.CLASSES;
        }
    }

    public static void main(String[] args) throws Exception {
        UndertowJaxrsServer server = new UndertowJaxrsServer()
                .start(Undertow.builder().addHttpListener(Integer.parseInt(args[0]), "127.0.0.1"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        try {
            server.deploy(Api.class, "/api");
        } catch (RuntimeException deploymentFailed) {
            // Undertow's threads would keep a JVM alive that serves nothing.
            server.stop();
            throw deploymentFailed;
        }
        System.out.println("started http://127.0.0.1:" + args[0] + "/api/");
        Thread.currentThread().join();
    }
}
