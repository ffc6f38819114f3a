package io.github.jaxrscors.runtime.quarkus;

import io.github.jaxrscors.internal.deployment.DecorationHook;
import io.github.jaxrscors.internal.deployment.RuntimeSupport;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.function.Predicate;

/**
 * Quarkus, with either REST stack on Vert.x Web: the CORS headers stay on Quarkus's error page
 * ({@link QuarkusFailureHeaders}). It looks at class names only, so that no other runtime resolves
 * the types of Vert.x or of either stack.
 */
public final class QuarkusSupport implements RuntimeSupport {

    /** Which of Quarkus's REST stacks the application runs on, if any. */
    enum Stack { NONE, CLASSIC, REACTIVE }

    @Override
    public boolean isPresent() {
        return stack() != Stack.NONE;
    }

    @Override
    public DecorationHook decorationHook(Configuration configuration) {
        return new QuarkusFailureHeaders(stack() == Stack.REACTIVE);
    }

    @Override
    public String unreportedResourcesAdvice() {
        return "On Quarkus with quarkus-rest, keep the jaxrs-cors jar indexed (it ships META-INF/jandex.idx; "
                + "do not exclude it with quarkus.index-dependency)";
    }

    private static Stack stack() {
        return stack(RuntimeDelegate.getInstance().getClass().getName(), QuarkusSupport::visible);
    }

    /**
     * The stack of the runtime whose {@code RuntimeDelegate} has the given class name, with the given
     * classes visible. Both stacks are RESTEasy on Vert.x Web; another runtime with Vert.x Web and
     * RESTEasy's core merely on its class path is none, or the filter would look for a routing context
     * at every decided request and never find one.
     */
    static Stack stack(String runtimeDelegate, Predicate<String> visible) {
        if (!runtimeDelegate.startsWith("org.jboss.resteasy.") || !visible.test("io.vertx.ext.web.RoutingContext")) {
            return Stack.NONE;
        }
        if (runtimeDelegate.startsWith("org.jboss.resteasy.reactive.")) {
            return Stack.REACTIVE;
        }
        return visible.test("org.jboss.resteasy.core.ResteasyContext") ? Stack.CLASSIC : Stack.NONE;
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
