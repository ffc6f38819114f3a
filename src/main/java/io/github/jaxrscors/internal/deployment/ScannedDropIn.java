package io.github.jaxrscors.internal.deployment;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * The drop-in for runtimes that install only the {@code @Provider} classes they find by scanning
 * (the jar ships {@code META-INF/jandex.idx} for runtimes that scan an index). A server that scans
 * the application's libraries as well finds it beside {@link DropIn}; whichever runs second meets
 * the installed library and adds nothing. It is not {@link DropIn} annotated, because RESTEasy
 * warns about a provider class registered twice.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public final class ScannedDropIn implements Feature {

    /** Called by the runtime. */
    public ScannedDropIn() {
    }

    @Override
    public boolean configure(FeatureContext context) {
        return new DropIn().configure(context);
    }
}
