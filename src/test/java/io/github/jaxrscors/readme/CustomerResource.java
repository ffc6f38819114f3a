package io.github.jaxrscors.readme;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The README's {@code @Cors} example, compiled against the public API only, as a user's code is. */
// tag::cors-annotation[]
@Path("/customers")
@Cors("admin")                       // every method starts from the named policy 'admin'
public class CustomerResource {

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return "customer " + id;
    }

    @PUT
    @Path("{id}")
    @Cors(headers = {"Content-Type", "If-Match"})   // replaces admin's headers, for PUT only
    public void update(@PathParam("id") String id, String body) {
    }

    @GET
    @Path("export")
    @Cors(enabled = false)            // left entirely to the application
    public String export() {
        return "id,name";
    }
}
// end::cors-annotation[]
