package io.github.jaxrscors.it.app.rollout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answered with the CORS headers of the application's own {@link LegacyCorsFilter}. */
@Path("api/legacy")
@Produces(MediaType.TEXT_PLAIN)
public class LegacyResource {

    @GET
    public String get() {
        return "legacy";
    }

    @POST
    public String post(String body) {
        return "legacy posted";
    }

    @PUT
    public String put(String body) {
        return "legacy stored";
    }
}
