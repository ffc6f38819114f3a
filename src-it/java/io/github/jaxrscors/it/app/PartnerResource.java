package io.github.jaxrscors.it.app;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Overrides the default policy per attribute, on the class and again on one method. */
@Path("api/partner")
@Produces(MediaType.TEXT_PLAIN)
@Cors(origins = "https://partner.example", methods = "PATCH", maxAge = 60)
public class PartnerResource {

    @GET
    public String get() {
        return "partner";
    }

    @PATCH
    @Cors(headers = "X-Partner-Key")
    public String patch(String body) {
        return "patched";
    }
}
