package io.github.jaxrscors.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves the demo page from a second origin, and the decision log to it. A plain Grizzly server, not
 * a Jakarta REST application: the page's own origin needs no CORS, and the drop-in stays out of it.
 */
final class PageServer {

    private final HttpServer server;
    private final URI uri;

    private PageServer(HttpServer server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port), with the page calling {@code api}, whose routes are {@code routes}. */
    static PageServer start(int port, URI api, DecisionFeed decisions, RouteTable routes) throws IOException {
        String page = readPage().replace("__API__", api.toString().replaceAll("/$", ""));
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener("page", "127.0.0.1", port);
        server.addListener(listener);
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                long after = parseLong(request.getParameter("after"));
                send(response, "application/json", json(decisions.lastSeq(), decisions.after(after)));
            }
        }, "/decisions");
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                send(response, "application/json", routes.json());
            }
        }, "/routes");
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                String path = request.getRequestURI();
                if (path.equals("/") || path.equals("/index.html")) {
                    send(response, "text/html;charset=utf-8", page);
                } else {
                    response.sendError(404);
                }
            }
        }, "/");
        server.start();
        return new PageServer(server, URI.create("http://127.0.0.1:" + listener.getPort() + "/"));
    }

    URI uri() {
        return uri;
    }

    void stop() {
        server.shutdownNow();
    }

    private static String readPage() throws IOException {
        try (InputStream in = PageServer.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IOException("index.html is missing from the demo's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(Response response, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code {"last": n, "decisions": [{"seq": 1, "level": "TRACE", "message": "..."}]}} */
    static String json(long last, List<DecisionFeed.Decision> decisions) {
        StringBuilder json = new StringBuilder("{\"last\":").append(last).append(",\"decisions\":[");
        for (int i = 0; i < decisions.size(); i++) {
            DecisionFeed.Decision d = decisions.get(i);
            json.append(i == 0 ? "" : ",").append("{\"seq\":").append(d.seq())
                    .append(",\"level\":\"").append(d.level())
                    .append("\",\"message\":").append(quote(d.message())).append('}');
        }
        return json.append("]}").toString();
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
