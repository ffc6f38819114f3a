package io.github.jaxrscors.it.app.inspected;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Left to the application. */
@Path("api/internal")
@Produces(MediaType.TEXT_PLAIN)
@Cors(enabled = false)
public class InternalResource {

    @GET
    public String get() {
        return "internal";
    }
}
