/**
 * CORS for Jakarta REST servers: {@link io.github.jaxrscors.Cors}, {@link io.github.jaxrscors.CorsFeature},
 * {@link io.github.jaxrscors.CorsPolicy} and {@link io.github.jaxrscors.CorsConfigException} are the whole public API.
 */
package io.github.jaxrscors;
