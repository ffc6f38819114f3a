package io.github.jaxrscors.failing;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.tomcat.util.modeler.Registry;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * A Jersey application that fails in each way Jersey treats differently, on Grizzly or as a servlet
 * in Tomcat. Nothing here knows the library: a test loads this class once with the library on the
 * class path and once without it, and compares what clients get and what is logged.
 *
 * <p>Only JDK types cross {@link #start}, since the two copies see different Jersey classes.
 */
public final class FailingApplication {

    /** The 418 and body of the application's own mapper for {@link Refused}. */
    public static final String MAPPED_BODY = "refused by the application's mapper";

    /** How many times a resource method ran in this copy of the application. */
    public static final AtomicInteger INVOCATIONS = new AtomicInteger();

    private FailingApplication() {
    }

    /**
     * Starts the application on a free loopback port.
     *
     * @param container {@code GRIZZLY} or {@code TOMCAT}
     * @param variant {@code PLAIN}; {@code THROWABLE_MAPPER} adds the application's own
     *     {@code ExceptionMapper<Throwable>}; {@code SET_STATUS} turns on Jersey's
     *     {@code setStatusOverSendError}; {@code OWN_FEATURE} turns Jersey's auto-discovery off and
     *     registers {@code CorsFeature} itself, where the library is on the class path
     * @param completed released once per request, once everything that handles it has logged
     * @param deploymentLoader given the class loader Tomcat deploys the servlet with, before the
     *     first request deploys it
     * @return the port, and how to stop the server
     */
    public static Map.Entry<Integer, AutoCloseable> start(String container, String variant, Semaphore completed,
            Consumer<ClassLoader> deploymentLoader) throws Exception {
        ResourceConfig application = new ResourceConfig(Failing.class, RefusedMapper.class, FailingResponseFilter.class,
                UnwritableWriter.class);
        switch (variant) {
            case "PLAIN" -> {
            }
            case "THROWABLE_MAPPER" -> application.register(CatchAllMapper.class);
            case "SET_STATUS" -> application.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
            case "OWN_FEATURE" -> registerOwnFeature(application);
            default -> throw new IllegalArgumentException(variant);
        }
        return switch (container) {
            case "GRIZZLY" -> grizzly(application, completed::release);
            case "TOMCAT" -> tomcat(application, bothOf(completed), deploymentLoader);
            default -> throw new IllegalArgumentException(container);
        };
    }

    /** By name: the copy of this class loaded without the library cannot name {@code CorsFeature}. */
    private static void registerOwnFeature(ResourceConfig application) throws ReflectiveOperationException {
        application.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        Class<?> feature;
        try {
            feature = Class.forName("io.github.jaxrscors.CorsFeature", true, FailingApplication.class.getClassLoader());
        } catch (ClassNotFoundException withoutLibrary) {
            return;
        }
        application.register(feature.getConstructor().newInstance());
    }

    /**
     * Jersey logs an unmapped exception just before its processing ends, and Tomcat logs it after
     * that but before the request ends, unless the request was asynchronous: then Tomcat ends it
     * before Jersey logs. So in Tomcat a request is over once both have ended.
     */
    private static Runnable bothOf(Semaphore completed) {
        AtomicInteger ends = new AtomicInteger();
        return () -> {
            if (ends.incrementAndGet() % 2 == 0) {
                completed.release();
            }
        };
    }

    /** Signals the end of Jersey's processing of every request. */
    private static void onRequestEnd(ResourceConfig application, Runnable signal) {
        application.register(new ApplicationEventListener() {
            @Override
            public void onEvent(ApplicationEvent event) {
            }

            @Override
            public RequestEventListener onRequest(RequestEvent start) {
                return event -> {
                    if (event.getType() == RequestEvent.Type.FINISHED) {
                        signal.run();
                    }
                };
            }
        });
    }

    private static Map.Entry<Integer, AutoCloseable> grizzly(ResourceConfig application, Runnable requestEnd) {
        // Grizzly never completes a suspended request that failed, so Jersey's own end of the request is the signal.
        onRequestEnd(application, requestEnd);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application);
        return Map.entry(server.getListener("grizzly").getPort(), server::shutdownNow);
    }

    private static Map.Entry<Integer, AutoCloseable> tomcat(ResourceConfig application, Runnable requestEnd,
            Consumer<ClassLoader> deploymentLoader) throws Exception {
        onRequestEnd(application, requestEnd);
        // Two Tomcats in one JVM (one per copy of this class) would fight over JMX names and the JVM's
        // single URL stream handler factory, which only war: URLs need.
        Registry.disableRegistry();
        TomcatURLStreamHandlerFactory.disable();
        File base = Files.createTempDirectory("jaxrs-cors-tomcat").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.getPath());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.getPath());
        // Tomcat's default parent is the system class loader, which holds the library even for the copy without it.
        context.setParentClassLoader(FailingApplication.class.getClassLoader());
        context.addServletContainerInitializer((classes, servletContext) -> servletContext.addListener(
                new ServletRequestListener() {
                    @Override
                    public void requestDestroyed(ServletRequestEvent event) {
                        requestEnd.run();
                    }
                }), null);
        Tomcat.addServlet(context, "jersey", new ServletContainer(application)).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "jersey");
        tomcat.start();
        deploymentLoader.accept(context.getLoader().getClassLoader());
        return Map.entry(tomcat.getConnector().getLocalPort(), () -> {
            tomcat.stop();
            tomcat.destroy();
            try (Stream<java.nio.file.Path> files = Files.walk(base.toPath())) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        });
    }

    /** Thrown by a resource and mapped by the application's own {@link RefusedMapper}. */
    public static final class Refused extends RuntimeException {
        Refused() {
            super("refused");
        }
    }

    /** Never written: {@link UnwritableWriter} fails on it. */
    public static final class Unwritable {
    }

    @Path("fail")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Failing {

        @GET
        @Path("runtime")
        public String runtime() {
            INVOCATIONS.incrementAndGet();
            throw new IllegalStateException("boom: runtime");
        }

        @GET
        @Path("checked")
        public String checked() throws IOException {
            INVOCATIONS.incrementAndGet();
            throw new IOException("boom: checked");
        }

        @GET
        @Path("error")
        public String error() {
            INVOCATIONS.incrementAndGet();
            throw new AssertionError("boom: error");
        }

        @GET
        @Path("mapped")
        public String mapped() {
            INVOCATIONS.incrementAndGet();
            throw new Refused();
        }

        @GET
        @Path("web-404")
        public String web404() {
            INVOCATIONS.incrementAndGet();
            throw new WebApplicationException(404);
        }

        @GET
        @Path("not-found")
        public String notFound() {
            INVOCATIONS.incrementAndGet();
            throw new NotFoundException();
        }

        @GET
        @Path("in-response-filter")
        public String inResponseFilter() {
            INVOCATIONS.incrementAndGet();
            return "never sent";
        }

        @GET
        @Path("in-writer")
        public Unwritable inWriter() {
            INVOCATIONS.incrementAndGet();
            return new Unwritable();
        }

        @GET
        @Path("async")
        public void async(@Suspended AsyncResponse response) {
            INVOCATIONS.incrementAndGet();
            new Thread(() -> response.resume(new IllegalStateException("boom: async"))).start();
        }

        @GET
        @Path("async-timeout")
        public void asyncTimeout(@Suspended AsyncResponse response) {
            INVOCATIONS.incrementAndGet();
            response.setTimeout(50, TimeUnit.MILLISECONDS);
        }

        @GET
        @Path("fine")
        public String fine() {
            INVOCATIONS.incrementAndGet();
            return "fine";
        }
    }

    public static class RefusedMapper implements ExceptionMapper<Refused> {
        @Override
        public Response toResponse(Refused exception) {
            return Response.status(418).entity(MAPPED_BODY).type(MediaType.TEXT_PLAIN).build();
        }
    }

    /** An application that maps everything itself, answering 503 with the exception's class. */
    public static class CatchAllMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            return Response.status(503).entity("mapped by the application: " + exception.getClass().getSimpleName())
                    .type(MediaType.TEXT_PLAIN).build();
        }
    }

    public static class FailingResponseFilter implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (request.getUriInfo().getPath().endsWith("in-response-filter")) {
                throw new IllegalStateException("boom: response filter");
            }
        }
    }

    @Produces(MediaType.TEXT_PLAIN)
    public static class UnwritableWriter implements MessageBodyWriter<Unwritable> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == Unwritable.class;
        }

        @Override
        public void writeTo(Unwritable entity, Class<?> type, Type genericType, Annotation[] annotations,
                MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) {
            throw new IllegalStateException("boom: message body writer");
        }
    }
}
