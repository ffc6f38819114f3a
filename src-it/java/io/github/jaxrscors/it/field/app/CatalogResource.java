package io.github.jaxrscors.it.field.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A readable list a shared cache may store; governed by the default policy. */
@Path("api/catalog")
@Produces(MediaType.TEXT_PLAIN)
public class CatalogResource {

    @GET
    public Response list() {
        return Response.ok("catalog").header("X-Total-Count", "3").build();
    }
}
