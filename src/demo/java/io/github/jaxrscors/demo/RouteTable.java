package io.github.jaxrscors.demo;

import io.github.jaxrscors.CorsConfigException;
import io.github.jaxrscors.CorsInspector;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * The API's route table as the library sees it, for the page: each resource method with its policy
 * and origins, asked of {@link CorsInspector} from the same resources and configuration as the API.
 * Built anew for each page load, so that a configuration change shows too.
 */
final class RouteTable {

    private final Config config;

    RouteTable(Config config) {
        this.config = config;
    }

    /**
     * {@code {"routes": [{"method": "GET", "path": "/api/greeting", "policy": "default", "origins": "..."}]}},
     * by path and method; {@code {"error": "..."}} while the configuration is not valid (the API
     * keeps its previous policy then).
     */
    String json() {
        List<CorsInspector.Route> routes;
        try {
            routes = CorsInspector.builder()
                    .resources(DemoApi.RESOURCES.toArray(Class<?>[]::new))
                    .config(config)
                    .build()
                    .routes().stream()
                    .sorted(Comparator.comparing(CorsInspector.Route::path).thenComparing(CorsInspector.Route::method))
                    .toList();
        } catch (CorsConfigException e) {
            return "{\"error\":" + PageServer.quote(e.getMessage()) + "}";
        }
        StringBuilder json = new StringBuilder("{\"routes\":[");
        for (int i = 0; i < routes.size(); i++) {
            CorsInspector.Route route = routes.get(i);
            String origins = route.policy() == null ? "left to the application" : String.join(", ", route.policy().allowedOrigins());
            json.append(i == 0 ? "" : ",").append("{\"method\":").append(PageServer.quote(route.method()))
                    .append(",\"path\":").append(PageServer.quote(route.path()))
                    .append(",\"policy\":").append(PageServer.quote(route.policyName()))
                    .append(",\"origins\":").append(PageServer.quote(origins)).append('}');
        }
        return json.append("]}").toString();
    }
}
