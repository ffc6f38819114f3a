/**
 * Quarkus: the CORS headers on its error page, and its own CORS filter kept off.
 * Not for application code; what names the runtime's types loads only on that runtime.
 */
package io.github.jaxrscors.runtime.quarkus;
