package io.github.jaxrscors;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.function.Predicate;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

/**
 * Keeps the CORS headers on Quarkus's 500 for an exception that no {@code ExceptionMapper} handles.
 *
 * <p>Both of Quarkus's REST stacks ({@code quarkus-rest} and classic {@code quarkus-resteasy}) hand
 * such an exception to Vert.x ({@code RoutingContext.fail}) without running the response filters;
 * Quarkus's failure handler then logs it and writes its error page (JSON or HTML with an error id) on
 * the same response, keeping the headers already set on it. So for every request the library decided
 * about, this filter asks Vert.x to call it just before that response's headers go out, and if the
 * request failed by then, it adds the headers of the decision. Which mappers apply, what is logged,
 * and the status and body of the error page stay Quarkus's.
 */
@PreMatching
@Priority(CorsRequestFilter.PRIORITY + 1)
final class QuarkusFailureHeaders implements ContainerRequestFilter {

    /** Whether the stack is {@code quarkus-rest} (RESTEasy Reactive) rather than classic RESTEasy. */
    final boolean reactive;

    private QuarkusFailureHeaders(boolean reactive) {
        this.reactive = reactive;
    }

    /**
     * The filter where the REST stack runs on Vert.x Web, else null. It looks at class names only,
     * so that no other runtime resolves the types of Vert.x or of either stack.
     */
    static Object forRuntime() {
        return forRuntime(RuntimeDelegate.getInstance().getClass().getName(), QuarkusFailureHeaders::visible);
    }

    /**
     * The filter for the runtime whose {@code RuntimeDelegate} has the given class name, with the
     * given classes visible. Never on Jersey, whatever else its classpath holds (Vert.x Web and
     * RESTEasy's core, say): there the filter would look for a routing context at every decided
     * request, and never find one.
     */
    static QuarkusFailureHeaders forRuntime(String runtimeDelegate, Predicate<String> visible) {
        if (runtimeDelegate.startsWith("org.glassfish.jersey.") || !visible.test("io.vertx.ext.web.RoutingContext")) {
            return null;
        }
        if (runtimeDelegate.startsWith("org.jboss.resteasy.reactive.")) {
            return new QuarkusFailureHeaders(true);
        }
        return visible.test("org.jboss.resteasy.core.ResteasyContext") ? new QuarkusFailureHeaders(false) : null;
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, QuarkusFailureHeaders.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(Outcome.PROPERTY) instanceof Outcome outcome) {
            RoutingContext routing = reactive ? Reactive.routing(request) : Classic.routing();
            if (routing != null) {
                routing.addHeadersEndHandler(ignored -> {
                    if (routing.failed()) {
                        writeTo(routing.response().headers(), outcome);
                    }
                });
            }
        }
    }

    /** Unless the response filter's headers reached the response before the failure. */
    private static void writeTo(MultiMap headers, Outcome outcome) {
        if (!headers.contains(CorsHeaders.ALLOW_ORIGIN)) {
            DecisionHeaders.of(outcome, headers.getAll(CorsHeaders.VARY)).forEach(headers::set);
        }
    }

    /** Loaded by {@code quarkus-rest} only. */
    private static final class Reactive {

        static RoutingContext routing(ContainerRequestContext request) {
            return request instanceof ResteasyReactiveContainerRequestContext context
                    && context.getServerRequestContext() instanceof ServerHttpRequest http
                    ? http.unwrap(RoutingContext.class) : null;
        }
    }

    /** Loaded by {@code quarkus-resteasy} only: it hands the routing context to RESTEasy as context data. */
    private static final class Classic {

        static RoutingContext routing() {
            return ResteasyContext.getContextData(RoutingContext.class);
        }
    }
}
