package io.github.jaxrscors.it.browser;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What reached the server, recorded before the CORS filter can answer or refuse it. */
@PreMatching
@Priority(1)
final class RequestLog implements ContainerRequestFilter {

    record Seen(String method, String path, String origin, String privateNetwork, String cookie) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void filter(ContainerRequestContext request) {
        seen.add(new Seen(request.getMethod(), "/" + request.getUriInfo().getPath(),
                request.getHeaderString("Origin"), request.getHeaderString("Access-Control-Request-Private-Network"),
                request.getHeaderString("Cookie")));
    }

    long count(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
    }

    List<Seen> all() {
        return List.copyOf(seen);
    }
}
