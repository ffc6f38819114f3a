package io.github.jaxrscors.it.resteasy;

import io.github.jaxrscors.it.app.DropInApplication;
import io.github.jaxrscors.it.app.ForkedMain;
import jakarta.ws.rs.core.Application;

/** A plain RESTEasy + Undertow application, as a user writes it: no line mentions CORS. */
public final class RestEasyDropInServer {

    private RestEasyDropInServer() {
    }

    public static void main(String[] args) {
        serve(DropInApplication.class);
    }

    /** Deploys the application on a free loopback port, as {@link ForkedMain} expects. */
    static void serve(Class<? extends Application> application) {
        ForkedMain.serve(() -> {
            LoopbackUndertow server = LoopbackUndertow.listening();
            server.deploy(application);
            return new ForkedMain.Started(server.port(), server::stop);
        });
    }
}
