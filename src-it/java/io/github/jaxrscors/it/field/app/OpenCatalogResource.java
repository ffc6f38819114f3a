package io.github.jaxrscors.it.field.app;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Open to any origin whatever the default policy says. */
@Path("api/open")
@Produces(MediaType.TEXT_PLAIN)
@Cors(origins = "*")
public class OpenCatalogResource {

    @GET
    public Response list() {
        return Response.ok("open catalog").header("X-Total-Count", "5").build();
    }
}
