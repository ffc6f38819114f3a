package io.github.jaxrscors.compat.cxf;

import io.github.jaxrscors.CorsFeature;
import io.github.jaxrscors.CorsPolicy;
import io.github.jaxrscors.compat.app.Resources;
import java.util.ArrayList;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

/**
 * Apache CXF on its Jetty transport, as an embedded application starts it: {@code Main <port> [registered]}.
 * With {@code registered}, the application registers the library by hand with a policy in code,
 * which must then be the only one that answers.
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
        Thread.currentThread().join();
    }
}
