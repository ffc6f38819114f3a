package io.github.jaxrscors.compat.app;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Governed by the default policy from configuration. */
@Path("items")
@Produces(MediaType.TEXT_PLAIN)
public class ItemsResource {

    @GET
    public String list() {
        return "items";
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.TEXT_PLAIN)
    public String put(@PathParam("id") String id, String body) {
        return "stored " + id;
    }
}
