package io.github.jaxrscors.it.app.inspected;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** No {@code @Cors}: {@code cors.policy.public.paths=/api/public/*} gives it the policy {@code public}. */
@Path("api/public/{name}")
@Produces(MediaType.TEXT_PLAIN)
public class PublicResource {

    @GET
    public String get(@PathParam("name") String name) {
        return "public " + name;
    }

    @PUT
    public String put(@PathParam("name") String name, String body) {
        return "public stored";
    }
}
