package io.github.jaxrscors.runtime.cxf;

import io.github.jaxrscors.internal.deployment.CorsResponseFilter;
import io.github.jaxrscors.internal.deployment.DecisionHeaders;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decoration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.cxf.jaxrs.impl.PropertyHolderFactory;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.phase.PhaseInterceptor;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Keeps the CORS headers on the servlet container's 500 for an exception that no
 * {@code ExceptionMapper} handles, under Apache CXF.
 *
 * <p>By default ({@code org.apache.cxf.propagate.exception}) CXF lets such an exception leave the
 * endpoint for the container, which logs it and writes its error page on the same response; no
 * response filter runs, but CXF first runs the out-fault interceptors of the bus, this one among
 * them. It sets the headers of the request's decision on the servlet response, computed by
 * {@link CorsResponseFilter} from the same request property. Which mappers apply, what is logged,
 * and the status and body of the error page stay CXF's and the container's. Jetty drops {@code Vary}
 * before its page; {@link JettyErrorPageVary} puts it back.
 *
 * <p>It implements CXF's interface rather than extending its base class: Quarkus indexes the jar,
 * and would warn that it cannot find the superclass of a class in it.
 */
final class CxfFailureHeaders implements PhaseInterceptor<Message> {

    /** Ahead of CXF's own fault interceptor for Jakarta REST, which throws the exception on (phase {@code marshal}). */
    @Override
    public String getPhase() {
        return Phase.SETUP;
    }

    @Override
    public String getId() {
        return CxfFailureHeaders.class.getName();
    }

    @Override
    public Set<String> getAfter() {
        return Set.of();
    }

    @Override
    public Set<String> getBefore() {
        return Set.of();
    }

    @Override
    public Collection<PhaseInterceptor<? extends Message>> getAdditionalInterceptors() {
        return null;
    }

    @Override
    public void handleFault(Message message) {
    }

    @Override
    public void handleMessage(Message fault) {
        Exchange exchange = fault.getExchange();
        // Set only when no mapper answered; otherwise CXF writes a response that the response filter decorates.
        if (!Boolean.TRUE.equals(exchange.get(Message.PROPOGATE_EXCEPTION)) || exchange.getInMessage() == null) {
            return;
        }
        Message request = exchange.getInMessage();
        if (PropertyHolderFactory.getPropertyHolder(request).getProperty(Decoration.PROPERTY) instanceof Decoration decoration
                && request.get(AbstractHTTPDestination.HTTP_RESPONSE) instanceof HttpServletResponse response
                && !response.isCommitted() && !response.containsHeader(CorsHeaders.ALLOW_ORIGIN)) {
            List<String> vary = List.copyOf(response.getHeaders(CorsHeaders.VARY));
            DecisionHeaders.of(decoration, vary).forEach(response::setHeader);
            if (request.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest servletRequest
                    && JettyErrorPageVary.applies(servletRequest)) {
                JettyErrorPageVary.install(servletRequest, decoration);
            }
        }
    }
}
