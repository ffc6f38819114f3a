/**
 * Apache CXF: the bus extension that installs the library on every endpoint, and the CORS headers on the container's 500 (Jetty's included).
 * Loaded only by that runtime; not for application code.
 */
package io.github.jaxrscors.runtime.cxf;
