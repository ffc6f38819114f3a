package io.github.jaxrscors.internal.routing;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a root resource class the way Jakarta REST does: its resource methods and sub-resource
 * locators, with {@code @Path}, HTTP method and {@code @Cors} annotations inherited from
 * superclasses and interfaces (a superclass before an interface).
 */
public final class ResourceScanner {

    /**
     * One resource method ({@code httpMethod} set) or sub-resource locator ({@code httpMethod} null).
     *
     * @param classTemplate the class's {@code @Path}, without leading and trailing slashes
     * @param template the class's and the method's {@code @Path} joined
     * @param classCors the {@code @Cors} of the class or its supertypes, or null
     * @param methodCors the {@code @Cors} of the method or the methods it overrides, or null
     */
    public record ResourceMethod(Class<?> resourceClass, Method method, String classTemplate, String template, String httpMethod,
            Cors classCors, Cors methodCors) {

        /** {@code com.example.OrderResource#update}, as mistakes in its annotations are reported. */
        public String name() {
            return resourceClass.getName() + "#" + method.getName();
        }
    }

    private ResourceScanner() {
    }

    /** Whether the class is a root resource: it, a superclass or an interface carries {@code @Path}. */
    public static boolean isRootResource(Class<?> resourceClass) {
        return classAnnotation(resourceClass, Path.class) != null;
    }

    public static List<ResourceMethod> scan(Class<?> resourceClass) {
        Path classPath = classAnnotation(resourceClass, Path.class);
        Cors classCors = classAnnotation(resourceClass, Cors.class);
        List<ResourceMethod> found = new ArrayList<>();
        Method[] methods = resourceClass.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        for (Method method : methods) {
            if (method.isBridge() || method.isSynthetic() || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Method annotated = jaxrsAnnotated(resourceClass, method);
            if (annotated == null) {
                continue;
            }
            Path methodPath = annotated.getAnnotation(Path.class);
            String httpMethod = httpMethod(annotated);
            String template = PathTemplate.join(classPath == null ? null : classPath.value(),
                    methodPath == null ? null : methodPath.value());
            Cors methodCors = methodAnnotation(resourceClass, method, Cors.class);
            found.add(new ResourceMethod(resourceClass, method, PathTemplate.trimSlashes(classPath == null ? "" : classPath.value()),
                    template, httpMethod, classCors, methodCors));
        }
        return found;
    }

    /**
     * The declaration whose Jakarta REST annotations apply: the first in the hierarchy that has any.
     * Null when it is not a resource method or locator: a declaration with only, say, {@code @Produces}
     * or a {@code @PathParam} hides the {@code @GET} of the method it overrides (specification
     * section 3.6, as Jersey applies it).
     */
    private static Method jaxrsAnnotated(Class<?> resourceClass, Method method) {
        for (Class<?> type : hierarchy(resourceClass)) {
            Method declared = declared(type, method);
            if (declared != null && hasJaxrsAnnotation(declared)) {
                return declared.isAnnotationPresent(Path.class) || httpMethod(declared) != null ? declared : null;
            }
        }
        return null;
    }

    private static boolean hasJaxrsAnnotation(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (isJaxrs(annotation) || annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        for (Annotation[] parameter : method.getParameterAnnotations()) {
            for (Annotation annotation : parameter) {
                if (isJaxrs(annotation)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code @Path}, {@code @Produces}, {@code @PathParam}, {@code @Context} and the like. */
    private static boolean isJaxrs(Annotation annotation) {
        String name = annotation.annotationType().getPackageName();
        return name.equals("jakarta.ws.rs") || name.equals("jakarta.ws.rs.core");
    }

    private static <A extends Annotation> A methodAnnotation(Class<?> resourceClass, Method method, Class<A> type) {
        for (Class<?> c : hierarchy(resourceClass)) {
            Method declared = declared(c, method);
            if (declared != null && declared.isAnnotationPresent(type)) {
                return declared.getAnnotation(type);
            }
        }
        return null;
    }

    private static <A extends Annotation> A classAnnotation(Class<?> resourceClass, Class<A> type) {
        for (Class<?> c : hierarchy(resourceClass)) {
            A annotation = c.getDeclaredAnnotation(type);
            if (annotation != null) {
                return annotation;
            }
        }
        return null;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return null;
    }

    private static Method declared(Class<?> type, Method method) {
        try {
            return type.getDeclaredMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The class, its superclasses, then every interface they implement, breadth first. */
    private static List<Class<?>> hierarchy(Class<?> resourceClass) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = resourceClass; c != null && c != Object.class; c = c.getSuperclass()) {
            classes.add(c);
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        classes.forEach(c -> queue.addAll(Arrays.asList(c.getInterfaces())));
        while (!queue.isEmpty()) {
            Class<?> i = queue.poll();
            if (interfaces.add(i)) {
                queue.addAll(Arrays.asList(i.getInterfaces()));
            }
        }
        List<Class<?>> all = new ArrayList<>(classes);
        all.addAll(interfaces);
        return all;
    }
}
