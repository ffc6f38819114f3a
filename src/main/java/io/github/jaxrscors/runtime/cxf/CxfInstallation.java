package io.github.jaxrscors.runtime.cxf;

import io.github.jaxrscors.internal.deployment.CorsRequestFilter;
import io.github.jaxrscors.internal.deployment.DropIn;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.endpoint.ServerLifeCycleListener;
import org.apache.cxf.endpoint.ServerLifeCycleManager;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.jaxrs.model.ProviderInfo;
import org.apache.cxf.jaxrs.provider.ServerProviderFactory;

/**
 * The drop-in on Apache CXF, which reads neither Jersey's auto-discovery nor
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers} but creates a
 * {@link CxfBusExtension} for every bus, because the jar names it in
 * {@code META-INF/cxf/bus-extensions.txt}. CXF tells no Jakarta REST provider that an endpoint
 * stopped, so the bus's server life cycle closes the endpoint's CORS deployment, ending its refresh
 * thread.
 */
final class CxfInstallation {

    private CxfInstallation() {
    }

    static void onBus(Bus bus) {
        bus.getFeatures().add(new InstallOnServers());
        bus.getOutFaultInterceptors().add(new CxfFailureHeaders());
        ServerLifeCycleManager servers = bus.getExtension(ServerLifeCycleManager.class);
        if (servers != null) {
            servers.registerListener(new CloseOnStop());
        }
    }

    /** The CXF providers of a server endpoint, or null. */
    private static ServerProviderFactory providers(Server server) {
        return server.getEndpoint().get(ServerProviderFactory.class.getName()) instanceof ServerProviderFactory providers
                ? providers : null;
    }

    /** Closes the CORS deployment of a server endpoint when CXF stops it, whoever registered the library there. */
    private static final class CloseOnStop implements ServerLifeCycleListener {

        @Override
        public void startServer(Server server) {
        }

        @Override
        public void stopServer(Server server) {
            ServerProviderFactory providers = providers(server);
            if (providers != null) {
                providers.getPreMatchContainerRequestFilters().stream().map(ProviderInfo::getProvider)
                        .filter(CorsRequestFilter.class::isInstance)
                        .forEach(filter -> ((CorsRequestFilter) filter).deployment().close());
            }
        }
    }

    /**
     * CXF initialises a bus's features on each server endpoint after the application's providers are
     * in place and before it runs dynamic features: late enough to see whether the application
     * registered {@code CorsFeature} itself (then it is left alone, so that a policy given in code
     * is the one that answers), early enough for the dynamic feature that learns the resources.
     * CXF installs a feature's filters when it configures it, so an installed library shows as its
     * request filter among the endpoint's providers.
     */
    private static final class InstallOnServers implements AbstractPortableFeature {

        @Override
        public void initialize(Server server, Bus bus) {
            ServerProviderFactory providers = providers(server);
            if (providers != null && providers.getPreMatchContainerRequestFilters().stream()
                    .noneMatch(filter -> filter.getProvider() instanceof CorsRequestFilter)) {
                providers.registerUserProvider(new DropIn());
            }
        }
    }
}
