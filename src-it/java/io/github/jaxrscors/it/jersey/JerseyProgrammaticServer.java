package io.github.jaxrscors.it.jersey;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.it.app.BearerAuthFilter;
import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.app.ItemsResource;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A Jersey application that gives its policy in code, so it needs no MicroProfile Config implementation. */
public final class JerseyProgrammaticServer {

    private JerseyProgrammaticServer() {
    }

    public static void main(String[] args) throws Exception {
        CorsPolicy policy = CorsPolicy.builder()
                .allowOrigin("https://app.example.com")
                .allowMethod("PUT")
                .allowHeader("Content-Type")
                .exposeHeader("X-Total-Count")
                .build();
        ResourceConfig application = new ResourceConfig(ItemsResource.class, BearerAuthFilter.class)
                .register(new CorsFeature(policy));
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application);
        ForkedMain.serveUntilParentLeaves(server.getListeners().iterator().next().getPort(), server::shutdownNow);
    }
}
