package io.github.jaxrscors.it.app;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsFeature;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;

/**
 * An operator's endpoint: re-reads the CORS configuration now. Answers {@code true} or
 * {@code false} (new policies installed or not), or 422 with one problem a line, each as
 * {@code where | value | message}.
 */
@Path("admin/cors/reload")
public class CorsAdminResource {

    @Context
    Configuration configuration;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public Response reload() {
        try {
            return Response.ok(String.valueOf(CorsFeature.reload(configuration))).build();
        } catch (CorsConfigException e) {
            return Response.status(422).entity(e.problems().stream()
                    .map(p -> p.where() + " | " + p.value() + " | " + p.message())
                    .collect(Collectors.joining("\n"))).build();
        }
    }
}
