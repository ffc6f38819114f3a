package hello;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Jersey on Grizzly, on a free loopback port that it prints. It names no CORS class: whether CORS is
 * handled depends only on whether the library's jar is on the classpath (its drop-in installs it).
 * With the argument {@code metrics} it first gives Micrometer's global registry a registry that
 * keeps what is counted, so that counting costs what it costs in an application with a backend.
 * With the argument {@code handwritten} it registers {@link HandWrittenCors}, the floor under any CORS
 * support's cost, on a classpath without the library.
 */
public final class JerseyServer {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("metrics")) {
            installMeterRegistry();
        }
        ResourceConfig application = new ResourceConfig(Hello.class);
        if (args.length > 0 && args[0].equals("handwritten")) {
            application.register(new HandWrittenCors());
        }
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application, true);
        System.out.println("PORT " + server.getListener("grizzly").getPort());
        Thread.currentThread().join();
    }

    /** By reflection: Micrometer is on the classpath only of the servers that measure metrics. */
    private static void installMeterRegistry() throws ReflectiveOperationException {
        Class<?> registryType = Class.forName("io.micrometer.core.instrument.MeterRegistry");
        Object global = Class.forName("io.micrometer.core.instrument.Metrics").getField("globalRegistry").get(null);
        Object simple = Class.forName("io.micrometer.core.instrument.simple.SimpleMeterRegistry")
                .getConstructor().newInstance();
        global.getClass().getMethod("add", registryType).invoke(global, simple);
    }
}
