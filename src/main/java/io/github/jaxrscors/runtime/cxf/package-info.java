/**
 * Apache CXF: the bus extension that installs the library on every endpoint, and the CORS headers on the container's 500 (Jetty's included).
 * Not for application code; what names the runtime's types loads only on that runtime.
 */
package io.github.jaxrscors.runtime.cxf;
