package io.github.jaxrscors.compat.app;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Starts from the named policy {@code cors.policy.partners.*}. */
@Path("partners")
@Produces(MediaType.TEXT_PLAIN)
@Cors("partners")
public class PartnersResource {

    @GET
    public String list() {
        return "partners";
    }
}
