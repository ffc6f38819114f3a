/**
 * Routing: which resource method, and so which policy, answers a request's path and method, found
 * from the deployed {@code @Path} templates as Jakarta REST would find it.
 */
package io.github.jaxrscors.internal.routing;
