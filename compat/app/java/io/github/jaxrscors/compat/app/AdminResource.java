package io.github.jaxrscors.compat.app;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Replaces the configured origins: only the admin console may call it, and the default origin may not. */
@Path("admin")
@Produces(MediaType.TEXT_PLAIN)
@Cors(origins = "https://admin.example.com")
public class AdminResource {

    @GET
    public String status() {
        return "admin";
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.TEXT_PLAIN)
    public String put(@PathParam("id") String id, String body) {
        return "stored " + id;
    }
}
