package io.github.jaxrscors.it.resteasy;

import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.app.RefreshApplication;
import io.github.jaxrscors.it.app.SystemPropertiesResource;
import jakarta.servlet.ServletException;

/** {@link RefreshApplication} on RESTEasy + Undertow; tells how many refresh threads its shutdown left. */
public final class RestEasyRefreshServer {

    /** Printed with the number of refresh threads once Undertow stopped listening, the application still deployed. */
    public static final String LISTENER_STOPPED = "REFRESH THREADS AFTER UNDERTOW STOP ";

    private RestEasyRefreshServer() {
    }

    public static void main(String[] args) {
        ForkedMain.serve(() -> {
            LoopbackUndertow server = LoopbackUndertow.listening();
            server.deploy(RefreshApplication.class);
            return new ForkedMain.Started(server.port(), () -> {
                // UndertowJaxrsServer.stop() stops Undertow's listener and leaves the application deployed
                // (start() serves it again): ending it is the deployment manager's work, as in a server.
                server.stop();
                System.out.println(LISTENER_STOPPED + SystemPropertiesResource.refreshThreadCount());
                try {
                    server.getManager().stop();
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
                server.getManager().undeploy();
                System.out.println(ForkedMain.THREADS_AFTER_SHUTDOWN + SystemPropertiesResource.refreshThreadCount());
            });
        });
    }
}
