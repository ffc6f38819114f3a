package io.github.jaxrscors.it.app;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only: changes the server JVM's system properties, which MicroProfile Config reads anew, and
 * counts the library's refresh threads there.
 */
@Path("test")
@Produces(MediaType.TEXT_PLAIN)
public class SystemPropertiesResource {

    /** The name of the library's refresh thread. */
    public static final String REFRESH_THREAD = "jaxrs-cors-refresh";

    @PUT
    @Path("properties/{key}")
    public String set(@PathParam("key") String key, @QueryParam("value") String value) {
        System.setProperty(key, value);
        return value;
    }

    @DELETE
    @Path("properties/{key}")
    public void clear(@PathParam("key") String key) {
        System.clearProperty(key);
    }

    @GET
    @Path("refresh-threads")
    public String refreshThreads() {
        return String.valueOf(refreshThreadCount());
    }

    public static long refreshThreadCount() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(REFRESH_THREAD) && t.isAlive()).count();
    }
}
