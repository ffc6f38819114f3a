package io.github.jaxrscors.it.field.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The site's own page, whose scripts call the site's API on the page's origin. */
@Path("page")
@Produces(MediaType.TEXT_HTML)
public class PageResource {

    public static final String TITLE = "field";

    @GET
    public String page() {
        return "<!doctype html><title>" + TITLE + "</title><p>The site's own page.</p>";
    }
}
