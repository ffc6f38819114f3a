/**
 * RESTEasy on Undertow: the refresh schedule ends with the servlet deployment.
 * Not for application code; what names the runtime's types loads only on that runtime.
 */
package io.github.jaxrscors.runtime.resteasy;
