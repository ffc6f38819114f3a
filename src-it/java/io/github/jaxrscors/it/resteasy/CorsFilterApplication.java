package io.github.jaxrscors.it.resteasy;

import io.github.jaxrscors.it.app.rollout.RolloutApplication;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.jboss.resteasy.plugins.interceptors.CorsFilter;

/** {@link RolloutApplication}'s resources with the CORS mechanism RESTEasy ships, configured as its users do. */
public class CorsFilterApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return RolloutApplication.RESOURCES;
    }

    @Override
    public Set<Object> getSingletons() {
        CorsFilter cors = new CorsFilter();
        cors.getAllowedOrigins().add("https://app.example.com");
        cors.getAllowedOrigins().add("https://admin.example.com");
        cors.setAllowedMethods("GET, POST, PUT, DELETE, OPTIONS");
        cors.setAllowedHeaders("Content-Type, X-Request-Id");
        cors.setExposedHeaders("X-Total-Count");
        cors.setCorsMaxAge(3600);
        return Set.of(cors);
    }
}
