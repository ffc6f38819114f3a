package io.github.jaxrscors.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Guarded by {@link BearerAuthFilter}. */
@Path("api/secure")
@Produces(MediaType.TEXT_PLAIN)
public class SecureResource {

    @GET
    public String get() {
        return "secret";
    }
}
