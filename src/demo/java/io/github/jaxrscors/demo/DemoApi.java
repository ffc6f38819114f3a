package io.github.jaxrscors.demo;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * The demo's API: plain Jakarta REST resources. Nothing here registers CORS; the jar's drop-in reads
 * the policy from {@code microprofile-config.properties}, and two resources adjust it with {@code @Cors}.
 */
final class DemoApi {

    static final Set<Class<?>> RESOURCES = Set.of(Greeting.class, Notes.class, Me.class, Partners.class);

    private DemoApi() {
    }

    /** Default policy: a simple GET, with a response header the config exposes to script. */
    @Path("/api/greeting")
    public static class Greeting {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public Response greet() {
            return Response.ok("Hello from the API").header("X-Demo-Version", "1").build();
        }
    }

    /** Default policy: JSON (Content-Type allowed) and PUT with a custom header (X-Demo-Token allowed). */
    @Path("/api/notes")
    public static class Notes {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Response create(String json) {
            return Response.status(Response.Status.CREATED).entity(json).build();
        }

        @PUT
        @Path("{id}")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.TEXT_PLAIN)
        public String update(@PathParam("id") String id, @HeaderParam("X-Demo-Token") String token) {
            return "note " + id + " updated with token " + token;
        }
    }

    /** A {@code @Cors} override: this endpoint alone lets the browser send and read credentials. */
    @Path("/api/me")
    @Cors(allowCredentials = "true")
    public static class Me {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String me() {
            return "signed in as demo-user";
        }
    }

    /** The named policy {@code partners}: only https://partners.example.com may call it. */
    @Path("/api/partners")
    @Cors("partners")
    public static class Partners {
        @GET
        @Path("report")
        @Produces(MediaType.TEXT_PLAIN)
        public String report() {
            return "partner report";
        }
    }
}
