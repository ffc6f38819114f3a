package io.github.jaxrscors;

import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.internal.policy.Policy;

/** For the core's tests: a policy built with the public builder, as the core sees it. */
public final class CorsPolicies {

    private CorsPolicies() {
    }

    public static Policy validated(CorsPolicy policy) {
        return policy.policy();
    }

    public static CompiledPolicy compile(CorsPolicy policy) {
        return new CompiledPolicy(policy.policy());
    }
}
