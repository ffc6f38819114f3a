package io.github.jaxrscors.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.Cors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each {@code @Cors} here is told apart by its max-age. */
class ResourceScannerTest {

    @Path("/plain/")
    public static class Plain {
        @GET
        public String get() {
            return "";
        }

        @PUT @Path("/{id}/")
        public String put(@PathParam("id") String id) {
            return "";
        }

        /** Not a resource method: no Jakarta REST annotation. */
        public String helper() {
            return "";
        }

        @GET @Path("static")
        public static String notAResourceMethod() {
            return "";
        }
    }

    @Path("annotated")
    @Cors(maxAge = 1)
    public static class Annotated {
        @GET
        public String get() {
            return "";
        }

        @POST
        @Cors(maxAge = 2)
        public String post() {
            return "";
        }

        @Path("sub")
        @Cors(maxAge = 3)
        public Object locator() {
            return new Object();
        }
    }

    @Path("api")
    @Cors(maxAge = 10)
    public interface Api {
        @GET @Path("{id}")
        @Cors(maxAge = 11)
        String get(@PathParam("id") String id);

        @PUT @Path("{id}")
        String put(@PathParam("id") String id);

        @POST
        String post(String body);
    }

    /** Everything from the interface, but {@code put} carries @Cors of its own and {@code post} hides @POST. */
    public static class ApiImpl implements Api {
        @Override
        public String get(String id) {
            return "";
        }

        @Override
        @Cors(maxAge = 12)
        public String put(String id) {
            return "";
        }

        @Override
        @Produces("text/plain")
        public String post(String body) {
            return "";
        }
    }

    @Cors(maxAge = 20)
    public abstract static class Base {
        @GET @Path("log")
        @Cors(maxAge = 21)
        public String log() {
            return "";
        }

        @GET @Path("status")
        public String status() {
            return "";
        }
    }

    @Path("derived")
    public static class Derived extends Base {
        /** Overrides with annotations of its own: the superclass method's are ignored, @Cors inherited. */
        @Override
        @GET @Path("status2")
        public String status() {
            return "";
        }
    }

    @Path("own")
    @Cors(maxAge = 30)
    public static class OwnWins extends Base implements Api {
        @Override
        public String get(String id) {
            return "";
        }

        @Override
        public String put(String id) {
            return "";
        }

        @Override
        public String post(String body) {
            return "";
        }
    }

    /** Not a root resource: no {@code @Path} anywhere. */
    public static class SubResource {
        @GET
        public String get() {
            return "";
        }
    }

    record Scan(String description, Class<?> resourceClass, boolean root, List<String> methods) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Scan> scans() {
        return Stream.of(
                new Scan("plain resource: slashes trimmed, helpers and statics skipped", Plain.class, true, List.of(
                        "GET plain [plain] class=- method=- get",
                        "PUT plain/{id} [plain] class=- method=- put")),
                new Scan("class and method @Cors, a locator", Annotated.class, true, List.of(
                        "GET annotated [annotated] class=1 method=- get",
                        "locator annotated/sub [annotated] class=1 method=3 locator",
                        "POST annotated [annotated] class=1 method=2 post")),
                new Scan("everything declared on an interface, class @Path included", ApiImpl.class, true, List.of(
                        "GET api/{id} [api] class=10 method=11 get",
                        "PUT api/{id} [api] class=10 method=12 put")),
                new Scan("superclass annotations; an override with its own hides them", Derived.class, true, List.of(
                        "GET derived/log [derived] class=20 method=21 log",
                        "GET derived/status2 [derived] class=20 method=- status")),
                new Scan("the class's own @Path and @Cors win; superclass before interface", OwnWins.class, true, List.of(
                        "GET own/{id} [own] class=30 method=11 get",
                        "GET own/log [own] class=30 method=21 log",
                        "POST own [own] class=30 method=- post",
                        "PUT own/{id} [own] class=30 method=- put",
                        "GET own/status [own] class=30 method=- status")),
                new Scan("sub-resource class", SubResource.class, false, List.of(
                        "GET  [] class=- method=- get")));
    }

    @ParameterizedTest
    @MethodSource("scans")
    void readsResourceMethodsAsJakartaRestDoes(Scan s) {
        assertThat(ResourceScanner.isRootResource(s.resourceClass())).as("root resource").isEqualTo(s.root());
        assertThat(ResourceScanner.scan(s.resourceClass())).extracting(ResourceScannerTest::describe)
                .containsExactlyElementsOf(s.methods());
    }

    private static String describe(ResourceScanner.ResourceMethod m) {
        return (m.httpMethod() == null ? "locator" : m.httpMethod()) + " " + m.template() + " [" + m.classTemplate() + "]"
                + " class=" + (m.classCors() == null ? "-" : m.classCors().maxAge())
                + " method=" + (m.methodCors() == null ? "-" : m.methodCors().maxAge()) + " " + m.method().getName();
    }
}
