package io.github.jaxrscors.it.app.inspected;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A template in the class's own path, a method with a wildcard origin, and a locator with a regex template. */
@Path("api/tenants/{tenant}")
@Produces(MediaType.TEXT_PLAIN)
public class TenantResource {

    @GET
    @Path("settings")
    @Cors(origins = "https://*.tenant.example", allowPrivateNetwork = "true")
    public String settings(@PathParam("tenant") String tenant) {
        return "settings of " + tenant;
    }

    @Path("{section: [a-z]+}")
    public LinesResource section(@PathParam("section") String section) {
        return new LinesResource();
    }
}
