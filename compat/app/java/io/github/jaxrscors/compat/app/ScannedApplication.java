package io.github.jaxrscors.compat.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** As servlet containers and Quarkus deploy it: the runtime finds the resources itself. */
@ApplicationPath("api")
public class ScannedApplication extends Application {
}
