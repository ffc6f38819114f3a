package io.github.jaxrscors.readme;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** A resource without {@code @Cors}: the default policy applies. */
@Path("/orders")
public class OrderResource {

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return Response.ok("order " + id).header("X-Total-Count", "1").build();
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id) {
    }

    @GET
    @Path("broken")
    public String broken() {
        throw new IllegalStateException("no mapper handles this");
    }
}
