package io.github.jaxrscors.it.field.app;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What reached the application, recorded before the CORS filter can answer or refuse it: the
 * headers a browser sent through the proxy, and the host the application believes it serves.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestJournal implements ContainerRequestFilter {

    /** Bounds the journal; a test class sends a few dozen requests. */
    private static final int CAPACITY = 1_000;
    private static final Deque<String> ENTRIES = new ArrayDeque<>();

    @Override
    public void filter(ContainerRequestContext request) {
        String entry = String.join("\t", request.getMethod(), "/" + request.getUriInfo().getPath(),
                String.valueOf(request.getHeaderString("Origin")), String.valueOf(request.getHeaderString("Sec-Fetch-Site")),
                String.valueOf(request.getHeaderString("Host")));
        synchronized (ENTRIES) {
            if (ENTRIES.size() == CAPACITY) {
                ENTRIES.removeFirst();
            }
            ENTRIES.addLast(entry);
        }
    }

    /** One line per request: method, path, Origin, Sec-Fetch-Site, Host, tab-separated ("null" when absent). */
    static List<String> entries() {
        synchronized (ENTRIES) {
            return List.copyOf(ENTRIES);
        }
    }
}
