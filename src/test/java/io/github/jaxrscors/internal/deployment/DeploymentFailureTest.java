package io.github.jaxrscors.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.Cors;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad {@code @Cors} fails the application's start with a message naming the class and method. */
class DeploymentFailureTest {

    private static final Config CONFIG = TestConfig.of(Map.of(
            "cors.allowed-origins", "https://app.example.com",
            "cors.policy.admin.allowed-origins", "https://admin.example.com",
            "cors.policy.public.allowed-origins", "*"));

    @Path("a")
    public static class UnknownPolicy {
        @GET
        @Cors("amdin")
        public String get() {
            return "";
        }
    }

    @Path("b")
    public static class NotABoolean {
        @GET
        @Cors(allowCredentials = "yes")
        public String get() {
            return "";
        }
    }

    @Path("c")
    public static class BadOrigin {
        @GET
        @Cors(origins = "https://app.example.com/")
        public String get() {
            return "";
        }
    }

    @Path("d")
    public static class NegativeMaxAge {
        @GET
        @Cors(maxAge = -5)
        public String get() {
            return "";
        }
    }

    @Path("e")
    @Cors(allowPrivateNetwork = "1")
    public static class BadClassAnnotation {
        @GET
        public String get() {
            return "";
        }
    }

    @Path("f")
    @Cors("public")
    public static class WildcardWithCredentials {
        @GET
        @Cors(allowCredentials = "true")
        public String get() {
            return "";
        }
    }

    @Path("g")
    public static class BadMethodName {
        @GET
        @Cors(methods = "TRACE")
        public String get() {
            return "";
        }
    }

    /** Only a sub-resource locator: checked all the same. */
    @Path("h")
    public static class BadLocator {
        @Path("{id}")
        @Cors(origins = "http://*.com")
        public Object locate() {
            return new Object();
        }
    }

    @Path("fine")
    public static class Fine {
        @GET
        public String get() {
            return "";
        }
    }

    record Failure(String description, Class<?> resource, List<String> inMessage) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Failure> failures() {
        String prefix = DeploymentFailureTest.class.getName() + "$";
        return Stream.of(
                new Failure("unknown policy name", UnknownPolicy.class,
                        List.of(prefix + "UnknownPolicy#get", "'amdin'", "unknown policy", "[admin, public]")),
                new Failure("allowCredentials = \"yes\"", NotABoolean.class,
                        List.of(prefix + "NotABoolean#get", "@Cors(allowCredentials)", "'yes'", "write true or false")),
                new Failure("origin with a trailing slash", BadOrigin.class,
                        List.of(prefix + "BadOrigin#get", "@Cors(origins)", "'https://app.example.com/'")),
                new Failure("max-age below -1", NegativeMaxAge.class,
                        List.of(prefix + "NegativeMaxAge#get", "@Cors(maxAge)", "-5")),
                new Failure("bad value on the class", BadClassAnnotation.class,
                        List.of("class " + prefix + "BadClassAnnotation", "#get", "@Cors(allowPrivateNetwork)", "'1'")),
                new Failure("any origin of a named policy with credentials", WildcardWithCredentials.class,
                        List.of(prefix + "WildcardWithCredentials#get", "credentials")),
                new Failure("forbidden method", BadMethodName.class,
                        List.of(prefix + "BadMethodName#get", "@Cors(methods)", "'TRACE'")),
                new Failure("bad origin on a locator-only resource", BadLocator.class,
                        List.of(prefix + "BadLocator#locate", "@Cors(origins)", "'http://*.com'")));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void applicationFailsToStart(Failure f) {
        Throwable thrown = start(f.resource());

        CorsConfigException cors = corsConfigException(thrown);
        assertThat(cors.getMessage()).contains(f.inMessage());
    }

    @Path("many")
    @Cors(allowCredentials = "maybe")
    public static class ManyMistakes {
        @PUT
        @Cors(value = "nope", maxAge = -2)
        public String put() {
            return "";
        }

        @DELETE
        @Cors(origins = "ftp://files.example.com:99999", headers = "Sec-Fetch-Mode")
        public String delete() {
            return "";
        }
    }

    @Test
    void everyMistakeIsReportedTogether() {
        CorsConfigException cors = corsConfigException(start(ManyMistakes.class, UnknownPolicy.class));

        String prefix = DeploymentFailureTest.class.getName() + "$";
        assertThat(cors.problems().stream().map(Object::toString).toList()).anySatisfy(p -> assertThat(p).contains(prefix + "ManyMistakes#put", "'nope'"))
                .anySatisfy(p -> assertThat(p).contains("class " + prefix + "ManyMistakes", "'maybe'"))
                .anySatisfy(p -> assertThat(p).contains(prefix + "ManyMistakes#delete", "ftp://files.example.com:99999"))
                .anySatisfy(p -> assertThat(p).contains(prefix + "ManyMistakes#delete", "Sec-Fetch-Mode"))
                .anySatisfy(p -> assertThat(p).contains(prefix + "UnknownPolicy#get", "'amdin'"));
        assertThat(cors.getMessage()).startsWith("Invalid CORS configuration (" + cors.problems().stream().map(Object::toString).toList().size() + " problems):");
    }

    private static Throwable start(Class<?>... resources) {
        // Fine gives Jersey a resource method: an application of sub-resource locators alone would
        // never call a dynamic feature, and would fail at its first request instead.
        return catchThrowable(() -> new ApplicationHandler(new ResourceConfig(resources).register(Fine.class)
                .register(new Installation(null, () -> MicroProfileSettings.of(CONFIG)))));
    }

    /** Jersey lets the exception through unwrapped: it is what the user sees when the application starts. */
    private static CorsConfigException corsConfigException(Throwable thrown) {
        assertThat(thrown).as("the application failed to start").isInstanceOf(CorsConfigException.class);
        return (CorsConfigException) thrown;
    }
}
