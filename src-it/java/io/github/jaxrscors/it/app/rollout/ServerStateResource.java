package io.github.jaxrscors.it.app.rollout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

/** Test-only: what the server's JVM holds, for the tests that watch it from outside. */
@Path("test/state")
@Produces(MediaType.TEXT_PLAIN)
public class ServerStateResource {

    /** The bytes the heap holds once garbage is collected: what the application retains. */
    @GET
    @Path("retained-heap")
    public String retainedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return String.valueOf(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The decision counts, one {@code kind outcome mode policy reason=count} a line (see {@link DecisionTally}). */
    @GET
    @Path("decision-counts")
    public String decisionCounts() {
        return DecisionTally.snapshot().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}
