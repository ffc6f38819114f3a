package io.github.jaxrscors.runtime.quarkus;

import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.RuntimeSupport;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.RuntimeDelegate;

/**
 * Quarkus, with either REST stack on Vert.x Web: the CORS headers stay on Quarkus's error page
 * ({@link QuarkusFailureHeaders}). It looks at class names only, so that no other runtime resolves
 * the types of Vert.x or of either stack.
 */
public final class QuarkusSupport implements RuntimeSupport {

    @Override
    public boolean isPresent() {
        return visible("io.vertx.ext.web.RoutingContext") && (isReactive() || visible("org.jboss.resteasy.core.ResteasyContext"));
    }

    @Override
    public void install(FeatureContext context, Deployment deployment) {
        context.register(new QuarkusFailureHeaders(isReactive()));
    }

    @Override
    public String unreportedResourcesAdvice() {
        return "On Quarkus with quarkus-rest, keep the jaxrs-cors jar indexed (it ships META-INF/jandex.idx; "
                + "do not exclude it with quarkus.index-dependency)";
    }

    /** {@code quarkus-rest} (RESTEasy Reactive) rather than classic RESTEasy. */
    private static boolean isReactive() {
        return RuntimeDelegate.getInstance().getClass().getName().startsWith("org.jboss.resteasy.reactive.");
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, QuarkusSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
