package io.github.jaxrscors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the CORS policy for one resource class or resource method.
 *
 * <p>Every attribute has an "unset" default that inherits. The effective policy of a resource
 * method is computed once, at deployment: start from the policy named by {@link #value()} (the
 * method's name if it sets one, else the class's, else the default policy); then every attribute
 * the class-level {@code @Cors} sets replaces the inherited one; then every attribute the
 * method-level {@code @Cors} sets replaces that. Replacement is per attribute, never a union.
 *
 * <p>{@code @Cors} is found on the resource class and method and on the superclasses and
 * interfaces they inherit Jakarta REST annotations from. A bad value fails deployment with a
 * {@link CorsConfigException} naming the class and method.
 *
 * <pre>{@code
 * @Path("/admin")
 * @Cors(value = "admin", allowCredentials = "true")
 * public class AdminResource { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Cors {

    /**
     * {@return the name of a policy configured as {@code cors.policy.<name>.*} to start from}
     * Default {@code ""}: the default policy.
     */
    String value() default "";

    /** {@return the allowed origins, as {@code cors.allowed-origins}} Default {@code {}}: inherit. */
    String[] origins() default {};

    /** {@return the additional allowed methods, as {@code cors.allowed-methods}} Default {@code {}}: inherit. */
    String[] methods() default {};

    /** {@return the allowed request headers, as {@code cors.allowed-headers}} Default {@code {}}: inherit. */
    String[] headers() default {};

    /** {@return the exposed response headers, as {@code cors.exposed-headers}} Default {@code {}}: inherit. */
    String[] exposeHeaders() default {};

    /**
     * {@return whether credentials are allowed, {@code "true"} or {@code "false"}, as
     * {@code cors.allow-credentials}} Default {@code ""}: inherit.
     */
    String allowCredentials() default "";

    /**
     * {@return whether private-network preflights are answered with permission, {@code "true"} or
     * {@code "false"}, as {@code cors.allow-private-network}} Default {@code ""}: inherit.
     */
    String allowPrivateNetwork() default "";

    /** {@return the preflight cache lifetime in seconds, as {@code cors.max-age}} Default {@code -1}: inherit. */
    long maxAge() default -1;

    /**
     * {@return whether the library handles this resource} {@code false} leaves its requests and
     * preflights entirely to the application (on a class: all its methods). Default {@code true}.
     */
    boolean enabled() default true;
}
