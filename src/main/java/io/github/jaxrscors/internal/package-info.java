/**
 * The core, not for application code. A request goes through one pipeline, each step a noun of its own:
 *
 * <ul>
 *   <li>A <b>policy</b> ({@code policy.Policy}, the value behind {@code CorsPolicy}) is what the
 *       application allows, validated as a {@code policy.PolicyDraft} from the builder, the
 *       {@code cors.*} keys ({@code config.ConfigReader}) or {@code @Cors} ({@code config.CorsAnnotations}).
 *   <li>A <b>compiled policy</b> ({@code policy.CompiledPolicy}) is a policy made ready for the
 *       request path: hash tables and pre-joined header values.
 *   <li>A <b>route</b> ({@code routing.Route}) is a resource method at its path template with the
 *       compiled policy that answers it; the <b>route table</b> ({@code routing.RouteTable}) finds
 *       a request's route, as Jakarta REST would, before Jakarta REST has matched it.
 *   <li>A <b>generation</b> ({@code deployment.Generation}) is one consistent route table, swapped
 *       in whole when the configuration changes; it <b>decides</b> each request.
 *   <li>A <b>decision</b> ({@code policy.Decision}) is what a compiled policy says about a request:
 *       allowed, or refused for a {@code policy.Reason}. Its answer is the library's own response
 *       (a preflight's, or a 403), or a <b>decoration</b> ({@code policy.Decoration}): the headers
 *       the response filter adds to the application's response.
 *   <li>The <b>deployment</b> ({@code deployment.Deployment}) is the library's life in one
 *       application: it collects the resources, builds the generations, and fails closed.
 * </ul>
 *
 * <p>Runtimes add to it through {@code deployment.RuntimeSupport} (with its
 * {@code deployment.DecorationHook}: what a runtime does to a decorated request, called by the
 * request filter) and {@code config.CompetingCors}, implemented in
 * {@code io.github.jaxrscors.runtime.*}; no runtime is named here.
 */
package io.github.jaxrscors.internal;
