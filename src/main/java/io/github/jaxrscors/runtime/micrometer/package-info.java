/**
 * Micrometer: the decisions as the {@code cors.requests} counter, on {@code Metrics.globalRegistry},
 * to which Quarkus and Spring Boot add their registries. Not for application code; what names
 * Micrometer's types loads only where the application has Micrometer.
 */
package io.github.jaxrscors.runtime.micrometer;
