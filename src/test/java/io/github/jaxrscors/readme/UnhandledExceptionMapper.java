package io.github.jaxrscors.readme;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

// tag::exception-mapper[]
@Provider
public class UnhandledExceptionMapper implements ExceptionMapper<Exception> {
    @Override
    public Response toResponse(Exception e) {
        return e instanceof WebApplicationException w ? w.getResponse() : Response.serverError().build();
    }
}
// end::exception-mapper[]
