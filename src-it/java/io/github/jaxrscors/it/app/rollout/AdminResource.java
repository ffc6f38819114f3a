package io.github.jaxrscors.it.app.rollout;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The named policy {@code admin}, which operators may roll out on its own ({@code cors.policy.admin.report-only}). */
@Path("api/admin")
@Produces(MediaType.TEXT_PLAIN)
@Cors("admin")
public class AdminResource {

    @GET
    public String get() {
        return "admin";
    }

    @PUT
    @Path("{id}")
    public String put(@PathParam("id") String id, String body) {
        return "admin stored " + id;
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id) {
    }
}
