package io.github.jaxrscors.it.app.inspected;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The named policy {@code files} (any method, headers by prefix); a regex template spanning segments beside a literal. */
@Path("api/files")
@Produces(MediaType.TEXT_PLAIN)
@Cors("files")
public class FilesResource {

    @GET
    @Path("readme")
    public String readme() {
        return "readme";
    }

    @GET
    @Path("{path: .+}")
    public String read(@PathParam("path") String path) {
        return "file";
    }

    @PUT
    @Path("{path: .+}")
    public String write(@PathParam("path") String path, String body) {
        return "written";
    }
}
