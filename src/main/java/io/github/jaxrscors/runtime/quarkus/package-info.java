/**
 * Quarkus: the CORS headers on its error page, and its own CORS filter kept off.
 * Loaded only by that runtime; not for application code.
 */
package io.github.jaxrscors.runtime.quarkus;
