package io.github.jaxrscors.it.field.app;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@link RequestJournal}'s entries, one a line, for the test that drives the browser. */
@Path("journal")
@Produces(MediaType.TEXT_PLAIN)
@Cors(enabled = false)
public class JournalResource {

    @GET
    public String entries() {
        return String.join("\n", RequestJournal.entries());
    }
}
