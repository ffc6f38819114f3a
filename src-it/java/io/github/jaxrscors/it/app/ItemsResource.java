package io.github.jaxrscors.it.app;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Governed by the default policy. */
@Path("api/items")
@Produces(MediaType.TEXT_PLAIN)
public class ItemsResource {

    @GET
    public Response list() {
        return Response.ok("items").header("X-Total-Count", "2").header("X-Internal-Id", "42").build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String put(@PathParam("id") String id, String body) {
        return "stored " + id;
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return Response.noContent().build();
    }
}
