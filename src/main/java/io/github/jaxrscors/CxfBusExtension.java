package io.github.jaxrscors;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.Bus;

/**
 * Not for application code: Apache CXF's drop-in hook. CXF creates one of these for every bus it
 * creates, because the jar names it in {@code META-INF/cxf/bus-extensions.txt}; it adds the drop-in
 * feature to the providers CXF gives every Jakarta REST endpoint of that bus (the bus property
 * {@code org.apache.cxf.jaxrs.bus.providers}). CXF reads neither Jersey's auto-discovery nor
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers}.
 */
public final class CxfBusExtension {

    static final String BUS_PROVIDERS = "org.apache.cxf.jaxrs.bus.providers";

    /** Called by CXF. */
    public CxfBusExtension(Bus bus) {
        List<Object> providers = new ArrayList<>();
        if (bus.getProperty(BUS_PROVIDERS) instanceof List<?> existing) {
            providers.addAll(existing);
        }
        providers.add(new ServerOnly());
        bus.setProperty(BUS_PROVIDERS, providers);
    }

    /** CXF hands the bus providers to its clients too. */
    private static final class ServerOnly implements Feature {

        @Override
        public boolean configure(FeatureContext context) {
            return context.getConfiguration().getRuntimeType() == RuntimeType.SERVER
                    && new CorsFeature().configure(context);
        }
    }
}
