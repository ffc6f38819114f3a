package io.github.jaxrscors;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.jaxrs.provider.ServerProviderFactory;

/**
 * The drop-in on Apache CXF, which reads neither Jersey's auto-discovery nor
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers} but creates a
 * {@link CorsFeature.CxfBusExtension} for every bus, because the jar names it in
 * {@code META-INF/cxf/bus-extensions.txt}.
 */
final class CxfInstallation {

    private CxfInstallation() {
    }

    static void onBus(Bus bus) {
        bus.getFeatures().add(new InstallOnServers());
        bus.getOutFaultInterceptors().add(new CxfFailureHeaders());
    }

    /**
     * CXF initialises a bus's features on each server endpoint after the application's providers are
     * in place and before it runs dynamic features: late enough to see whether the application
     * registered {@link CorsFeature} itself (then it is left alone, so that a policy given in code
     * is the one that answers), early enough for the dynamic feature that learns the resources.
     */
    private static final class InstallOnServers implements AbstractPortableFeature {

        @Override
        public void initialize(Server server, Bus bus) {
            if (server.getEndpoint().get(ServerProviderFactory.class.getName()) instanceof ServerProviderFactory providers
                    && providers.getPreMatchContainerRequestFilters().stream()
                            .noneMatch(filter -> filter.getProvider() instanceof CorsRequestFilter)) {
                providers.registerUserProvider(new CorsFeature.DropIn());
            }
        }
    }
}
