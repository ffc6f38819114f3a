/**
 * Deciding: policies, their validation and compilation, and the matching of origins, methods and
 * header names against them; the request's path is not known here.
 */
package io.github.jaxrscors.internal.policy;
