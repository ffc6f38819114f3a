/**
 * Jersey: the auto-discovered drop-in, the container's life cycle, and the CORS headers on its container's 500.
 * Loaded only by that runtime; not for application code.
 */
package io.github.jaxrscors.runtime.jersey;
