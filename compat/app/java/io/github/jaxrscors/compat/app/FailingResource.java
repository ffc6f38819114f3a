package io.github.jaxrscors.compat.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicInteger;

/** Throws an exception no mapper handles, and counts how often it ran, so that a refusal can be shown to come first. */
@Path("failing")
public class FailingResource {

    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @GET
    public String fail() {
        INVOCATIONS.incrementAndGet();
        throw new IllegalStateException("unmapped failure");
    }

    @GET
    @Path("invocations")
    @Produces(MediaType.TEXT_PLAIN)
    public String invocations() {
        return Integer.toString(INVOCATIONS.get());
    }
}
