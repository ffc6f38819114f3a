package io.github.jaxrscors.runtime.cxf;

import org.apache.cxf.Bus;

/**
 * Apache CXF creates one for every bus, because the jar names it in
 * {@code META-INF/cxf/bus-extensions.txt}; only CXF loads it. See {@link CxfInstallation}.
 */
public final class CxfBusExtension {

    /**
     * Called by CXF.
     *
     * @param bus the bus whose server endpoints get CORS handling
     */
    public CxfBusExtension(Bus bus) {
        CxfInstallation.onBus(bus);
    }
}
