/**
 * Jersey: the auto-discovered drop-in, the container's life cycle, and the CORS headers on its container's 500.
 * Not for application code; what names the runtime's types loads only on that runtime.
 */
package io.github.jaxrscors.runtime.jersey;
