package io.github.jaxrscors.it.app;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Starts from the policy named {@code public} in configuration. */
@Path("api/public")
@Produces(MediaType.TEXT_PLAIN)
@Cors("public")
public class PublicResource {

    @GET
    public String get() {
        return "public";
    }

    @PUT
    public String put(String body) {
        return "public stored";
    }
}
