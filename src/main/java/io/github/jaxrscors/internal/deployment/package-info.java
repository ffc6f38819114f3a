/**
 * The live cycle: installing the filters, collecting resources, building generations, refreshing
 * them, failing closed, and logging each decision.
 */
package io.github.jaxrscors.internal.deployment;
