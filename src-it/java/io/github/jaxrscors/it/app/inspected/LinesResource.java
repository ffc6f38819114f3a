package io.github.jaxrscors.it.app.inspected;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A sub-resource: reached only through a locator, whose policy answers for it. */
@Produces(MediaType.TEXT_PLAIN)
public class LinesResource {

    @GET
    public String list() {
        return "lines";
    }

    @PUT
    @Path("{n}")
    @Cors(origins = "https://never-consulted.example")
    public String put(@PathParam("n") String n, String body) {
        return "line " + n;
    }
}
