package io.github.jaxrscors.it.resteasy;

import io.github.jaxrscors.it.app.CodePolicyApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/** A RESTEasy application that gives its policy in code ({@link CodePolicyApplication}). */
public final class RestEasyProgrammaticServer {

    private RestEasyProgrammaticServer() {
    }

    public static void main(String[] args) {
        class Server extends UndertowJaxrsServer {
            int port() {
                return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            }
        }
        ForkedMain.serve(() -> {
            Server server = new Server();
            server.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
            server.deploy(CodePolicyApplication.class);
            return new ForkedMain.Started(server.port(), server::stop);
        });
    }
}
