/**
 * Helidon MP: its own CORS feature and keys kept off, since they would answer before the library.
 * Not for application code.
 */
package io.github.jaxrscors.runtime.helidon;
