/**
 * Configuring: the {@code cors.*} keys and {@code @Cors} annotations read into policies, every
 * mistake collected with where it was written.
 */
package io.github.jaxrscors.internal.config;
