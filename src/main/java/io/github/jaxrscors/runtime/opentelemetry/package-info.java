/**
 * OpenTelemetry: the decisions as the asynchronous {@code cors.requests} counter, on the runtime's
 * MicroProfile Telemetry {@code OpenTelemetry} or {@code Meter}, else on {@code GlobalOpenTelemetry}.
 * Not for application code; what names the types of OpenTelemetry or of CDI loads only where the
 * application has them.
 */
package io.github.jaxrscors.runtime.opentelemetry;
