package io.github.jaxrscors.it.app.inspected;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The policy {@code rollout} by path, in report-only: decided and logged, never enforced. */
@Path("api/rollout")
@Produces(MediaType.TEXT_PLAIN)
public class RolloutResource {

    @GET
    public String get() {
        return "rollout";
    }

    @POST
    @Path("{id}")
    public String post(@PathParam("id") String id, String body) {
        return "rolled " + id;
    }
}
