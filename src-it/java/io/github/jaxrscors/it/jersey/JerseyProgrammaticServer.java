package io.github.jaxrscors.it.jersey;

import io.github.jaxrscors.it.app.CodePolicyApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A Jersey application that gives its policy in code ({@link CodePolicyApplication}). */
public final class JerseyProgrammaticServer {

    private JerseyProgrammaticServer() {
    }

    public static void main(String[] args) {
        ForkedMain.serve(() -> {
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    ResourceConfig.forApplicationClass(CodePolicyApplication.class));
            return new ForkedMain.Started(server.getListeners().iterator().next().getPort(), server::shutdownNow);
        });
    }
}
