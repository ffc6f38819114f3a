package io.github.jaxrscors.it.app;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The named policy {@code partners}, with credentials added by the annotation. */
@Path("api/partners")
@Produces(MediaType.TEXT_PLAIN)
@Cors(value = "partners", allowCredentials = "true")
public class RefreshedPartnerResource {

    @GET
    public String get() {
        return "partners";
    }
}
