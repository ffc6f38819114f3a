package io.github.jaxrscors.runtime.quarkus;

import io.github.jaxrscors.internal.deployment.DecisionHeaders;
import io.github.jaxrscors.internal.deployment.DecorationHook;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decoration;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

/**
 * Keeps the CORS headers on Quarkus's 500 for an exception that no {@code ExceptionMapper} handles.
 *
 * <p>Both of Quarkus's REST stacks ({@code quarkus-rest} and classic {@code quarkus-resteasy}) hand
 * such an exception to Vert.x ({@code RoutingContext.fail}) without running the response filters;
 * Quarkus's failure handler then logs it and writes its error page (JSON or HTML with an error id) on
 * the same response, keeping the headers already set on it. So for every request the library lets
 * through with a decoration, this hook asks Vert.x to call it just before that response's headers
 * go out, and if the request failed by then, it adds the headers of the decision. Which mappers
 * apply, what is logged, and the status and body of the error page stay Quarkus's.
 */
final class QuarkusFailureHeaders implements DecorationHook {

    /** Whether the stack is {@code quarkus-rest} (RESTEasy Reactive) rather than classic RESTEasy. */
    private final boolean reactive;

    QuarkusFailureHeaders(boolean reactive) {
        this.reactive = reactive;
    }

    @Override
    public void decorated(ContainerRequestContext request, Decoration decoration) {
        RoutingContext routing = reactive ? Reactive.routing(request) : Classic.routing();
        if (routing != null) {
            routing.addHeadersEndHandler(ignored -> {
                if (routing.failed()) {
                    writeTo(routing.response().headers(), decoration);
                }
            });
        }
    }

    /** Unless the response filter's headers reached the response before the failure. */
    private static void writeTo(MultiMap headers, Decoration decoration) {
        if (!headers.contains(CorsHeaders.ALLOW_ORIGIN)) {
            DecisionHeaders.of(decoration, headers.getAll(CorsHeaders.VARY)).forEach(headers::set);
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
