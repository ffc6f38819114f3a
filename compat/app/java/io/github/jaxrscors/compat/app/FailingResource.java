package io.github.jaxrscors.compat.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Throws an exception no mapper handles, to record what each container makes of it. */
@Path("failing")
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("unmapped failure");
    }
}
