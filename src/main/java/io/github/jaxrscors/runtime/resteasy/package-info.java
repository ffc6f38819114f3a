/**
 * RESTEasy on Undertow: the CORS deployment starts with the application's servlet, and its refresh
 * schedule ends with the servlet deployment.
 * Not for application code; what names the runtime's types loads only on that runtime.
 */
package io.github.jaxrscors.runtime.resteasy;
