package io.github.jaxrscors.it;

import io.github.jaxrscors.it.app.ForkedMain;
import io.github.jaxrscors.it.jersey.JerseyDropInServer;
import io.github.jaxrscors.it.jersey.JerseyProgrammaticServer;
import io.github.jaxrscors.it.jersey.JerseyRefreshServer;
import io.github.jaxrscors.it.jersey.JerseyServer;
import io.github.jaxrscors.it.resteasy.RestEasyDropInServer;
import io.github.jaxrscors.it.resteasy.RestEasyProgrammaticServer;
import io.github.jaxrscors.it.resteasy.RestEasyRefreshServer;
import io.github.jaxrscors.it.resteasy.RestEasyServer;
import jakarta.ws.rs.core.Application;

/**
 * The two runtimes the forked-JVM tests deploy to, Jersey on Grizzly and RESTEasy on Undertow: the
 * main class of each kind of application, and the classpaths the build writes for them (the
 * runtime's own, and variants without parts such as the MicroProfile Config implementation).
 */
enum ServerRuntime {
    JERSEY("jersey", JerseyDropInServer.class, JerseyProgrammaticServer.class, JerseyRefreshServer.class, JerseyServer.class),
    RESTEASY("resteasy", RestEasyDropInServer.class, RestEasyProgrammaticServer.class, RestEasyRefreshServer.class,
            RestEasyServer.class);

    /** The name of the runtime's classpath. */
    final String classpath;
    /** The application that only adds the jar and {@code META-INF/microprofile-config.properties}. */
    final Class<?> dropIn;
    /** The application that registers {@code new CorsFeature(policy)} ({@code CodePolicyApplication}). */
    final Class<?> programmatic;
    /** The application that refreshes its policy and reloads it on request ({@code RefreshApplication}). */
    final Class<?> refresh;
    /** The server that deploys any application it is given ({@link #serving}). */
    private final Class<?> server;

    ServerRuntime(String classpath, Class<?> dropIn, Class<?> programmatic, Class<?> refresh, Class<?> server) {
        this.classpath = classpath;
        this.dropIn = dropIn;
        this.programmatic = programmatic;
        this.refresh = refresh;
        this.server = server;
    }

    /** A server of this runtime deploying {@code application}, on the runtime's own classpath. */
    ForkedJvm.Spec serving(Class<? extends Application> application) {
        return new ForkedJvm.Spec(server, classpath).systemProperty(ForkedMain.APPLICATION, application.getName());
    }

    /** The name of one of the runtime's other classpaths, such as {@code without-config}. */
    String classpath(String variant) {
        return classpath + "-" + variant;
    }
}
