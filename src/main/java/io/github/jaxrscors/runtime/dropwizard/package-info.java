/**
 * Dropwizard 4: {@link io.github.jaxrscors.runtime.dropwizard.CorsBundle}, the one type a Dropwizard
 * service names, reads the {@code cors:} block of the service's YAML (no MicroProfile Config), and
 * keeps Jetty's {@code CrossOriginFilter} out. It is the library's only public type outside
 * {@code io.github.jaxrscors}; everything else here is not for application code, and only a service
 * that adds the bundle loads it.
 */
package io.github.jaxrscors.runtime.dropwizard;
