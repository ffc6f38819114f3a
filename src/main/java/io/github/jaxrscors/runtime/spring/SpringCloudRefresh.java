package io.github.jaxrscors.runtime.spring;

import io.github.jaxrscors.internal.deployment.Deployment;
import io.github.jaxrscors.internal.deployment.Installation;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Spring Cloud's refresh ({@code /actuator/refresh}, a Spring Cloud Bus event) reads the
 * configuration files again and announces the keys that changed: where one of them is a
 * {@code cors.*} key, the library reads its configuration again at once, as
 * {@code cors.refresh-interval} would at its next tick, and logs what came of it. A configuration
 * that is not valid is never served: the policy in use stays.
 */
final class SpringCloudRefresh implements ApplicationListener<EnvironmentChangeEvent> {

    private final Installation installation;

    SpringCloudRefresh(Installation installation) {
        this.installation = installation;
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (event.getKeys().stream().noneMatch(key -> EnvironmentSettings.key(key) != null)) {
            return;
        }
        Deployment deployment = installation.deployment();
        // Before Jersey configured the library there is nothing to refresh: its first reading comes after.
        if (deployment != null) {
            deployment.refresh();
        }
    }
}
