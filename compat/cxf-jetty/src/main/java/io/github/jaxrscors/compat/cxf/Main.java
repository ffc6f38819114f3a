package io.github.jaxrscors.compat.cxf;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.compat.app.Resources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

/**
 * Apache CXF on its Jetty transport, as an embedded application starts it: {@code Main <port> [registered]}.
 * With {@code registered}, the application registers the library by hand with a policy in code,
 * which must then be the only one that answers. A line {@code stop} on standard input destroys the
 * server endpoint while the JVM goes on, as an application that stops one of its services does.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setAddress("http://127.0.0.1:" + args[0] + "/api");
        factory.setResourceClasses(new ArrayList<>(Resources.CLASSES));
        for (Class<?> resource : Resources.CLASSES) {
            factory.setResourceProvider(resource, new SingletonResourceProvider(resource.getConstructor().newInstance()));
        }
        if (args.length > 1 && args[1].equals("registered")) {
            factory.setProvider(new CorsFeature(CorsPolicy.builder().allowOrigin("https://code.example.com").allowMethod("PUT").build()));
        }
        Server server = factory.create();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        System.out.println("started http://127.0.0.1:" + args[0] + "/api/");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("stop")) {
                    server.destroy();
                    System.out.println("stopped the server endpoint");
                }
            }
        }
        // The server is kept referenced to the end, so that nothing but its stop can end what it started.
        Thread.currentThread().join();
        server.destroy();
    }
}
