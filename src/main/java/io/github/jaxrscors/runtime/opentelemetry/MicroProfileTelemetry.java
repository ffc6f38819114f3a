package io.github.jaxrscors.runtime.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * The {@code OpenTelemetry} or {@code Meter} bean of a MicroProfile Telemetry runtime (Quarkus,
 * Open Liberty, Helidon), which need not set {@code GlobalOpenTelemetry}. Loaded only where the CDI
 * API is present.
 */
final class MicroProfileTelemetry {

    private MicroProfileTelemetry() {
    }

    /** The bean's meter for {@code scope}, or null where there is no container or no such bean. */
    static Meter meter(String scope) {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException noContainer) {
            return null;
        }
        Instance<OpenTelemetry> openTelemetry = cdi.select(OpenTelemetry.class);
        if (openTelemetry.isResolvable()) {
            return openTelemetry.get().getMeter(scope);
        }
        Instance<Meter> meter = cdi.select(Meter.class);
        return meter.isResolvable() ? meter.get() : null;
    }
}
