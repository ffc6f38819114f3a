package io.github.jaxrscors.runtime.cxf;

import io.github.jaxrscors.internal.deployment.DecisionHeaders;
import io.github.jaxrscors.internal.policy.CorsHeaders;
import io.github.jaxrscors.internal.policy.Decoration;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.TunnelSupport;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the decision's {@code Vary} back on Jetty's error page. Before that page, Jetty removes the
 * headers that describe content ({@code ServletContextResponse.resetContent}), {@code Vary} among
 * them, while it keeps the {@code Access-Control-*} headers that {@link CxfFailureHeaders} set. So
 * it wraps the request's HTTP stream, which Jetty asks to prepare the headers just before they go
 * out, and adds to {@code Vary} there. Used by CXF on Jetty 12 (its {@code ee11} servlets) only.
 */
final class JettyErrorPageVary implements HttpStream {

    private final HttpStream stream;
    private final Decoration decoration;

    private JettyErrorPageVary(HttpStream stream, Decoration decoration) {
        this.stream = stream;
        this.decoration = decoration;
    }

    /** Whether {@code request} is Jetty's: only then may this class be loaded. */
    static boolean applies(Object request) {
        return request.getClass().getName().startsWith("org.eclipse.jetty.ee11.servlet.");
    }

    static void install(HttpServletRequest servletRequest, Decoration decoration) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(servletRequest);
        if (request != null) {
            request.addHttpStreamWrapper(stream -> new JettyErrorPageVary(stream, decoration));
        }
    }

    @Override
    public void prepareResponse(HttpFields.Mutable headers) {
        Map<String, String> decision = DecisionHeaders.of(decoration, headers.getValuesList(CorsHeaders.VARY));
        String vary = decision.get(CorsHeaders.VARY);
        if (vary != null) {
            headers.put(CorsHeaders.VARY, vary);
        }
        stream.prepareResponse(headers);
    }

    // Everything else as the wrapped stream does it.

    @Override
    public String getId() {
        return stream.getId();
    }

    @Override
    public Content.Chunk read() {
        return stream.read();
    }

    @Override
    public void demand() {
        stream.demand();
    }

    @Override
    public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content, Callback callback) {
        stream.send(request, response, last, content, callback);
    }

    @Override
    public Runnable cancelSend(Throwable cause, Callback appCallback) {
        return stream.cancelSend(cause, appCallback);
    }

    @Override
    public void push(MetaData.Request resource) {
        stream.push(resource);
    }

    @Override
    public long getIdleTimeout() {
        return stream.getIdleTimeout();
    }

    @Override
    public void setIdleTimeout(long idleTimeoutMs) {
        stream.setIdleTimeout(idleTimeoutMs);
    }

    @Override
    public boolean isCommitted() {
        return stream.isCommitted();
    }

    @Override
    public TunnelSupport getTunnelSupport() {
        return stream.getTunnelSupport();
    }

    @Override
    public Throwable consumeAvailable() {
        return stream.consumeAvailable();
    }

    @Override
    public void succeeded() {
        stream.succeeded();
    }

    @Override
    public void failed(Throwable x) {
        stream.failed(x);
    }

    @Override
    public InvocationType getInvocationType() {
        return stream.getInvocationType();
    }
}
