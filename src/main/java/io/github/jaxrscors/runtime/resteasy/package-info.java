/**
 * RESTEasy on Undertow: the refresh schedule ends with the servlet deployment.
 * Loaded only by that runtime; not for application code.
 */
package io.github.jaxrscors.runtime.resteasy;
