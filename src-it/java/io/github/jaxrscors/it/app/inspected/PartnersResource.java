package io.github.jaxrscors.it.app.inspected;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The named policy {@code partners}, with credentials; one method adds a header of its own. */
@Path("api/partners")
@Produces(MediaType.TEXT_PLAIN)
@Cors("partners")
public class PartnersResource {

    @GET
    public String report() {
        return "report";
    }

    @POST
    @Cors(headers = {"X-Partner-Key", "X-Batch"})
    public String submit(String body) {
        return "submitted";
    }
}
