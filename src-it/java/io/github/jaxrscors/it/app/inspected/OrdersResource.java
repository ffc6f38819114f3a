package io.github.jaxrscors.it.app.inspected;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The default policy, narrowed or widened per method; a literal beside a template, a regex template and a locator. */
@Path("api/orders")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    @GET
    public String list() {
        return "orders";
    }

    @POST
    public String create(String body) {
        return "created";
    }

    @GET
    @Path("export")
    public String export() {
        return "export";
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return "order " + id;
    }

    @PUT
    @Path("{id}")
    @Cors(headers = "X-Order-Key", maxAge = 30)
    public String put(@PathParam("id") String id, String body) {
        return "stored " + id;
    }

    @DELETE
    @Path("{id: \\d+}")
    public void delete(@PathParam("id") String id) {
    }

    @PATCH
    @Path("{id}/notes")
    @Cors(methods = "PATCH", exposeHeaders = "X-Note")
    public String patchNotes(@PathParam("id") String id, String body) {
        return "noted " + id;
    }

    /** Everything below has this locator's policy: the sub-resource's own {@code @Cors} is known only at run time. */
    @Path("{id}/lines")
    @Cors(origins = "https://lines.example", methods = "PUT")
    public LinesResource lines(@PathParam("id") String id) {
        return new LinesResource();
    }
}
