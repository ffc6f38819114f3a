package io.github.jaxrscors.readme;

// tag::reload-endpoint[]
import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsFeature;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;

@Path("/admin/cors")
public class CorsAdminResource {

    @Context
    Configuration configuration;

    @POST
    @Path("reload")
    public Response reload() {
        try {
            boolean changed = CorsFeature.reload(configuration);
            return Response.ok(changed ? "new CORS policy active" : "CORS policy unchanged").build();
        } catch (CorsConfigException e) {
            // The policy in use stays; tell the operator what is wrong with the new one.
            String problems = e.problems().stream()
                    .map(problem -> problem.where() + ": " + problem.message())
                    .collect(Collectors.joining("\n"));
            return Response.status(422).entity(problems).build();
        }
    }
}
// end::reload-endpoint[]
