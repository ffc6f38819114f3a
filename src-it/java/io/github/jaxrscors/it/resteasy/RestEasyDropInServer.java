package io.github.jaxrscors.it.resteasy;

import io.github.jaxrscors.it.app.DropInApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import io.undertow.Undertow;
import jakarta.ws.rs.core.Application;
import java.net.InetSocketAddress;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/** A plain RESTEasy + Undertow application, as a user writes it: no line mentions CORS. */
public final class RestEasyDropInServer {

    private RestEasyDropInServer() {
    }

    public static void main(String[] args) {
        serve(DropInApplication.class);
    }

    /** Deploys the application on a free loopback port, as {@link ForkedMain} expects. */
    static void serve(Class<? extends Application> application) {
        // The subclass only reads the port Undertow chose; UndertowJaxrsServer has no getter for it.
        class Server extends UndertowJaxrsServer {
            int port() {
                return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            }
        }
        ForkedMain.serve(() -> {
            Server server = new Server();
            server.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
            server.deploy(application);
            return new ForkedMain.Started(server.port(), server::stop);
        });
    }
}
