package io.github.jaxrscors.it.browser;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API the browser calls from another origin; its default policy is given by {@link BrowserIT}. */
@Path("api")
@Produces(MediaType.TEXT_PLAIN)
public class BrowserApi {

    static final String SESSION = "s3cr3t";

    @GET
    @Path("greeting")
    public Response greeting() {
        return Response.ok("hello").header("X-Exposed", "visible").header("X-Hidden", "not for scripts").build();
    }

    @PUT
    @Path("items/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String put(@PathParam("id") String id, String body) {
        return "{\"id\":\"" + id + "\",\"stored\":" + body + "}";
    }

    @DELETE
    @Path("items/{id}")
    public Response delete(@PathParam("id") String id) {
        return Response.noContent().build();
    }

    /** Visited by the browser itself, first-party, to receive the cookie later requests carry. */
    @GET
    @Path("login")
    public Response login() {
        return Response.ok("logged in")
                .header(HttpHeaders.SET_COOKIE, "session=" + SESSION + "; Path=/; HttpOnly; SameSite=Lax").build();
    }

    @GET
    @Path("me")
    @Cors(allowCredentials = "true")
    public String me(@CookieParam("session") String session) {
        return "session=" + session;
    }

    @GET
    @Path("me-without-credentials")
    public String meWithoutCredentials(@CookieParam("session") String session) {
        return "session=" + session;
    }

    @GET
    @Path("open")
    @Cors(origins = "http://127.0.0.1:*")
    public String open() {
        return "open to every port of 127.0.0.1";
    }

    @PUT
    @Path("cached/long")
    @Consumes(MediaType.APPLICATION_JSON)
    public String cachedLong(String body) {
        return "long";
    }

    @PUT
    @Path("cached/short")
    @Consumes(MediaType.APPLICATION_JSON)
    @Cors(maxAge = 1)
    public String cachedShort(String body) {
        return "short";
    }

    @GET
    @Path("secure")
    public String secure() {
        return "secret";
    }
}
