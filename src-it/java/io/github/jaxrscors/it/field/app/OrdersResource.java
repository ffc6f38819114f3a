package io.github.jaxrscors.it.field.app;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Writes with a JSON body, as the site's own page and the partner send them; default policy. */
@Path("api/orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    public static final String CREATED = "{\"created\":true}";
    public static final String REPLACED = "{\"replaced\":true}";

    @POST
    public Response create(String body) {
        return Response.status(Response.Status.CREATED).entity(CREATED).build();
    }

    @PUT
    @Path("{id}")
    public String replace(@PathParam("id") String id, String body) {
        return REPLACED;
    }
}
