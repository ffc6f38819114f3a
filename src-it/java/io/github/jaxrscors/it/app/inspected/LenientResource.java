package io.github.jaxrscors.it.app.inspected;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The policy {@code lenient} by exact path: refused actual requests pass on, without CORS headers. */
@Path("api/lenient")
@Produces(MediaType.TEXT_PLAIN)
public class LenientResource {

    @GET
    public String get() {
        return "lenient";
    }
}
