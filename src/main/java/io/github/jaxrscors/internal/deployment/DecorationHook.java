package io.github.jaxrscors.internal.deployment;

import io.github.jaxrscors.internal.policy.Decoration;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/**
 * What a runtime does to each request the library lets through to the application with a
 * {@link Decoration}, right after the decision: where the runtime can answer with a response that
 * no Jakarta REST response filter sees (its error page for an exception no mapper handles), the hook
 * makes that response carry the decision's headers too. The request filter calls it, so that a
 * runtime adds no filter of its own, and no work to the requests the library leaves alone.
 */
@FunctionalInterface
public interface DecorationHook {

    void decorated(ContainerRequestContext request, Decoration decoration);

    /** The hooks of the runtimes present, as one; null for none. */
    static DecorationHook of(List<DecorationHook> hooks) {
        if (hooks.isEmpty()) {
            return null;
        }
        if (hooks.size() == 1) {
            return hooks.get(0);
        }
        List<DecorationHook> all = List.copyOf(hooks);
        return (request, decoration) -> all.forEach(hook -> hook.decorated(request, decoration));
    }
}
