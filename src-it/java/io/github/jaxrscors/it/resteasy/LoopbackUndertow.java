package io.github.jaxrscors.it.resteasy;

import io.undertow.Undertow;
import java.net.InetSocketAddress;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/**
 * RESTEasy's Undertow server listening on a free loopback port, which it tells: the subclass exists
 * only because {@link UndertowJaxrsServer} has no getter for the port Undertow chose.
 */
final class LoopbackUndertow extends UndertowJaxrsServer {

    static LoopbackUndertow listening() {
        LoopbackUndertow server = new LoopbackUndertow();
        server.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
        return server;
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }
}
