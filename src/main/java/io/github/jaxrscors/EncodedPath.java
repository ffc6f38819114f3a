package io.github.jaxrscors;

import jakarta.ws.rs.core.UriInfo;

/**
 * The request path relative to the application, still percent-encoded, which is what Jakarta REST
 * matches {@code @Path} templates against (an encoded {@code /} stays inside its segment).
 */
final class EncodedPath {

    /**
     * Quarkus REST refuses {@code UriInfo.getPath(false)} ("We do not support non-decoded parameters");
     * after the first refusal the path is taken from the raw request and base URIs instead.
     */
    private static volatile boolean unsupported;

    private EncodedPath() {
    }

    static String of(UriInfo uriInfo) {
        if (!unsupported) {
            try {
                return uriInfo.getPath(false);
            } catch (IllegalArgumentException | UnsupportedOperationException refused) {
                unsupported = true;
            }
        }
        return relative(uriInfo.getRequestUri().getRawPath(), uriInfo.getBaseUri().getRawPath());
    }

    /** {@code /api/items/a%2Fb} under {@code /api/} is {@code items/a%2Fb}. */
    static String relative(String requestPath, String basePath) {
        if (requestPath.startsWith(basePath)) {
            return requestPath.substring(basePath.length());
        }
        if (basePath.endsWith("/") && requestPath.equals(basePath.substring(0, basePath.length() - 1))) {
            return "";
        }
        return requestPath;
    }
}
