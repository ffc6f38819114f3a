package io.github.jaxrscors.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.internal.policy.CompiledPolicy;
import io.github.jaxrscors.CorsPolicies;
import io.github.jaxrscors.CorsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTableTest {

    private static final CompiledPolicy POLICY = CorsPolicies.compile(CorsPolicy.builder().allowOrigin("https://app.example.com").build());
    private static final Route FALLBACK = Route.fallback(POLICY, "default");

    /** A route told apart by its policy name. */
    private static Route entry(String classTemplate, String template, String method, String name) {
        return new Route(classTemplate, template, method, null, name);
    }

    private static final RouteTable ROUTES = new RouteTable(FALLBACK, List.of(
            entry("customers", "customers/export", "GET", "export"),
            entry("customers", "customers/{id}", "GET", "get"),
            entry("customers", "customers/{id}", "PUT", "put"),
            entry("customers", "customers/{id}", "DELETE", "delete"),
            entry("customers", "customers", "POST", "create"),
            entry("orders", "orders/{id: \\d+}", "GET", "number"),
            entry("orders", "orders/{name}", "GET", "name"),
            entry("orders", "orders/{a}/{b}", "GET", "pair"),
            entry("files", "files/{path: .*}", "GET", "catch-all"),
            entry("files", "files/readme", "GET", "readme"),
            entry("docs", "docs/{path: .*}", "GET", "docs"),
            entry("shop", "shop/items/{id}", null, "locator"),
            entry("shop", "shop/items/{id}/price", "GET", "price"),
            entry("shop", "shop/{section: [a-z]+}", null, "section locator"),
            entry("{tenant}", "{tenant}/settings", "GET", "tenant settings"),
            entry("assets", "assets/v{major}.json", "GET", "versioned"),
            entry("assets", "assets/{file}", "GET", "asset"),
            entry("price list", "price list", "GET", "encoded"),
            entry("photos", "photos/{id}", "HEAD", "head"),
            entry("photos", "photos/{id}", "GET", "photo"),
            entry("Aa", "Aa", "GET", "Aa"),
            entry("BB", "BB", "GET", "BB"),
            entry("", "", "GET", "root")));

    record Lookup(String description, String method, String path, String expected) {
        @Override
        public String toString() {
            return description + ": " + method + " /" + path;
        }
    }

    static Stream<Lookup> lookups() {
        return Stream.of(
                new Lookup("literal beside a template", "GET", "customers/export", "export"),
                new Lookup("template beside a literal", "GET", "customers/42", "get"),
                new Lookup("same path, PUT", "PUT", "customers/42", "put"),
                new Lookup("same path, DELETE", "DELETE", "customers/42", "delete"),
                new Lookup("literal without the method: the template that has it", "PUT", "customers/export", "put"),
                new Lookup("class path itself", "POST", "customers", "create"),
                new Lookup("leading and trailing slashes", "GET", "/customers/42/", "get"),
                new Lookup("HEAD served by GET", "HEAD", "customers/42", "get"),
                new Lookup("explicit HEAD before GET", "HEAD", "photos/1", "head"),
                new Lookup("no such method anywhere at the path", "PATCH", "customers/42", "default"),
                new Lookup("no such path", "GET", "nowhere", "default"),
                new Lookup("deeper than any template", "GET", "customers/42/x/y", "default"),
                new Lookup("regex template before a default one", "GET", "orders/42", "number"),
                new Lookup("default template when the regex refuses", "GET", "orders/abc", "name"),
                new Lookup("two templates", "GET", "orders/a/b", "pair"),
                new Lookup("catch-all over several segments", "GET", "files/a/b/c", "catch-all"),
                new Lookup("literal before catch-all", "GET", "files/readme", "readme"),
                new Lookup("catch-all below the literal", "GET", "files/readme/old", "catch-all"),
                new Lookup("catch-all matches nothing after a slash", "GET", "docs/", "docs"),
                new Lookup("catch-all needs the slash", "GET", "docs", "default"),
                new Lookup("locator at its own path", "GET", "shop/items/7", "locator"),
                new Lookup("locator below its path, any method", "PATCH", "shop/items/7/reviews/3", "locator"),
                new Lookup("resource method beside a locator", "GET", "shop/items/7/price", "price"),
                new Lookup("locator reached through a regex tail", "GET", "shop/toys/bears", "section locator"),
                new Lookup("regex tail of a locator refuses", "GET", "shop/123", "default"),
                new Lookup("literal class path before a template class path", "GET", "customers/settings", "get"),
                new Lookup("template class path", "GET", "acme/settings", "tenant settings"),
                new Lookup("segment with literal characters before a bare variable", "GET", "assets/v2.json", "versioned"),
                new Lookup("bare variable when the literal characters differ", "GET", "assets/logo.png", "asset"),
                new Lookup("template literals are matched encoded", "GET", "price%20list", "encoded"),
                new Lookup("an encoded slash stays in its segment", "GET", "customers/a%2Fb", "get"),
                new Lookup("matrix parameters ignored", "GET", "customers;v=2/export;x=1", "export"),
                new Lookup("matrix parameters ignored on a template segment", "PUT", "customers/42;v=2", "put"),
                new Lookup("literals with the same hash code (1)", "GET", "Aa", "Aa"),
                new Lookup("literals with the same hash code (2)", "GET", "BB", "BB"),
                new Lookup("a prefix of a literal is not that literal", "GET", "customer/export", "default"),
                new Lookup("an empty segment matches no variable", "GET", "customers//export", "default"),
                new Lookup("empty path", "GET", "", "root"),
                new Lookup("only slashes", "GET", "///", "root"),
                new Lookup("empty path, other method", "PUT", "", "default"));
    }

    @ParameterizedTest
    @MethodSource("lookups")
    void findsTheRouteJakartaRestWouldPick(Lookup l) {
        assertThat(ROUTES.find(l.path(), 0, l.method()).policyName()).isEqualTo(l.expected());
        assertThat(ROUTES.find("/api/" + l.path(), 5, l.method()).policyName()).as("below a base path").isEqualTo(l.expected());
    }

    @Test
    void manyResourcesKeepTheirOwnRoutes() {
        List<Route> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add(entry("r" + i, "r" + i + "/items/{id}", "PUT", "put " + i));
            entries.add(entry("r" + i, "r" + i + "/items/{id: \\d+}/history", "GET", "history " + i));
        }
        RouteTable routes = new RouteTable(FALLBACK, entries);

        assertThat(routes.find("r0/items/1", 0, "PUT").policyName()).isEqualTo("put 0");
        assertThat(routes.find("r999/items/1", 0, "PUT").policyName()).isEqualTo("put 999");
        assertThat(routes.find("r500/items/12/history", 0, "GET").policyName()).isEqualTo("history 500");
        assertThat(routes.find("r500/items/x/history", 0, "GET").policyName()).isEqualTo("default");
        assertThat(routes.find("r1000/items/1", 0, "PUT").policyName()).isEqualTo("default");
    }

    @Test
    void oneSharedPolicyNeedsNoLookUp() {
        Route same = new Route("a", "a", "GET", POLICY, "default");
        RouteTable routes = new RouteTable(FALLBACK, List.of(same));

        assertThat(routes.uniform()).isSameAs(FALLBACK);
        assertThat(routes.find("elsewhere", 0, "PUT")).isSameAs(FALLBACK);
        assertThat(routes.template("a", 0, "GET")).as("the log still finds the template").isSameAs(same);
        assertThat(ROUTES.uniform()).isNull();
    }
}
