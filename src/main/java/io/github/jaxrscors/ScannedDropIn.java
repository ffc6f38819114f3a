package io.github.jaxrscors;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Not for application code: the drop-in for runtimes that install only the {@code @Provider} classes
 * they find by scanning. Quarkus REST is one: it reads neither Jersey's auto-discovery nor
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers}, only the {@code @Provider} classes in its
 * Jandex index (the jar ships {@code META-INF/jandex.idx} for that).
 *
 * <p>A server that scans the application's libraries as well (WildFly, Payara) finds it beside the
 * other drop-in hooks; whichever runs second meets the installed {@link CorsFeature} and adds nothing.
 * It is a class of its own, not {@link CorsFeature.DropIn} annotated, because RESTEasy warns about a
 * provider class registered twice.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public final class ScannedDropIn implements Feature {

    /** Called by the runtime. */
    public ScannedDropIn() {
    }

    @Override
    public boolean configure(FeatureContext context) {
        return new CorsFeature().configure(context);
    }
}
