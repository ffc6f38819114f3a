package io.github.jaxrscors.runtime.jersey;

import io.github.jaxrscors.internal.deployment.DecisionLog;
import io.github.jaxrscors.internal.deployment.DecorationHook;
import io.github.jaxrscors.internal.policy.Decoration;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Response;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;

/**
 * Keeps the CORS headers on Jersey's 500 for an exception that no {@code ExceptionMapper} handles.
 *
 * <p>Jersey hands such an exception to its container ({@link ContainerResponseWriter#failure}),
 * which answers with its own error page; Jersey's response filters run only afterwards, on a
 * response that is never sent. Grizzly's and the servlet container's writers answer through
 * {@code sendError}, which keeps the headers written before it. So for every request the library
 * lets through with a decoration, this hook wraps the container's writer, and a failure that comes
 * before Jersey wrote anything first writes the headers of that decision, as the response filter
 * would have. Which mappers apply, what is logged, and the status and body of the error page stay
 * Jersey's and the container's.
 */
final class JerseyFailureHeaders implements DecorationHook {

    /**
     * Writers whose {@code failure} keeps the headers already written. Others send a response of
     * their own (Netty) or commit on writing headers (the JDK server), so they are left alone.
     */
    private static final Set<String> HEADER_KEEPING_WRITERS = Set.of(
            "org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer$ResponseWriter",
            "org.glassfish.jersey.servlet.internal.ResponseWriter");

    /** Whether a writer's class is one of those, answered once per class rather than at every request. */
    private static final ClassValue<Boolean> KEEPS_HEADERS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> writerClass) {
            return HEADER_KEEPING_WRITERS.contains(writerClass.getName());
        }
    };

    private static final System.Logger LOG = System.getLogger(DecisionLog.LOGGER);

    /**
     * Null, which wraps nothing, where the application sets Jersey's
     * {@link ServerProperties#RESPONSE_SET_STATUS_OVER_SEND_ERROR}: then the writers reset the
     * response, headers included, before their error page. Jersey's writers read it once too.
     */
    static DecorationHook of(Configuration configuration) {
        boolean setsStatusOverSendError = ServerProperties.getValue(configuration.getProperties(),
                ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, false, Boolean.class);
        return setsStatusOverSendError ? null : new JerseyFailureHeaders();
    }

    private JerseyFailureHeaders() {
    }

    @Override
    public void decorated(ContainerRequestContext context, Decoration decoration) {
        if (context instanceof ContainerRequest request) {
            ContainerResponseWriter writer = request.getResponseWriter();
            if (writer != null && KEEPS_HEADERS.get(writer.getClass())) {
                request.setWriter(new Writer(writer, request, decoration));
            }
        }
    }

    private static final class Writer implements ContainerResponseWriter {

        private final ContainerResponseWriter container;
        private final ContainerRequest request;
        private final Decoration decoration;
        private volatile boolean headersWritten;

        Writer(ContainerResponseWriter container, ContainerRequest request, Decoration decoration) {
            this.container = container;
            this.request = request;
            this.decoration = decoration;
        }

        @Override
        public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse response) {
            headersWritten = true;
            return container.writeResponseStatusAndHeaders(contentLength, response);
        }

        @Override
        public void failure(Throwable error) {
            // Once Jersey wrote a response's headers, they went through the response filters already.
            if (!headersWritten) {
                try {
                    writeCorsHeaders();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "CORS headers not added to the error response of " + error, e);
                }
            }
            container.failure(error);
        }

        private void writeCorsHeaders() {
            ContainerResponse corsOnly = new ContainerResponse(request, Response.serverError().build());
            // Only the CORS headers: the Vary that Jersey derives from content negotiation would change the error page.
            corsOnly.getHeaders().clear();
            decoration.writeTo(corsOnly.getHeaders());
            if (!corsOnly.getHeaders().isEmpty()) {
                container.writeResponseStatusAndHeaders(-1, corsOnly);
            }
        }

        @Override
        public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
            return container.suspend(timeOut, timeUnit, timeoutHandler == null ? null
                    : ignored -> timeoutHandler.onTimeout(this));
        }

        @Override
        public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) {
            container.setSuspendTimeout(timeOut, timeUnit);
        }

        @Override
        public void commit() {
            container.commit();
        }

        @Override
        public boolean enableResponseBuffering() {
            return container.enableResponseBuffering();
        }
    }
}
