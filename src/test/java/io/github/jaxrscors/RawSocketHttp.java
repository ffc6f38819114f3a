package io.github.jaxrscors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a bare socket, for what client libraries refuse to send or quietly repair:
 * two {@code Origin} lines, bare CR or LF inside a value, bytes outside the token alphabet.
 * Each request closes its connection, so the whole response is whatever the server wrote.
 */
final class RawSocketHttp {

    /** One response as it came off the wire: status, every header line in order, and the body. */
    record Response(int status, List<Map.Entry<String, String>> headers, String body, String raw) {

        /** Every value of the header, one per line it was sent on. */
        List<String> all(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        /** The only value of the header, or null; fails if it was sent on more than one line. */
        String single(String name) {
            List<String> values = all(name);
            if (values.size() > 1) {
                throw new AssertionError(name + " sent " + values.size() + " times: " + values + "\n" + raw);
            }
            return values.isEmpty() ? null : values.get(0);
        }

        /** The names of the {@code Access-Control-*} headers of the response. */
        List<String> accessControlHeaders() {
            return headers.stream().map(Map.Entry::getKey)
                    .filter(n -> n.toLowerCase(Locale.ROOT).startsWith("access-control-")).toList();
        }
    }

    private RawSocketHttp() {
    }

    /**
     * Sends {@code method path} with the given header lines (each "Name: value", sent verbatim as
     * ISO-8859-1 bytes unless it holds characters beyond, then as UTF-8).
     */
    static Response send(int port, String method, String path, List<String> headerLines) {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        return exchange(port, bytes(request.toString()));
    }

    static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = readOrReset(in, buffer)) > 0; ) {
                received.write(buffer, 0, n);
            }
            return parse(received.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new AssertionError("request to port " + port + " failed", e);
        }
    }

    private static int readOrReset(InputStream in, byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (java.net.SocketException e) {
            // A server that refuses a request may reset the connection once it has answered.
            return -1;
        }
    }

    private static byte[] bytes(String text) {
        boolean latin1 = text.chars().allMatch(c -> c < 0x100);
        return text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static Response parse(String raw) {
        int headEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.1 ") || headEnd < 0) {
            return new Response(-1, List.of(), "", raw);
        }
        String[] lines = raw.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
        }
        return new Response(status, List.copyOf(headers), raw.substring(headEnd + 4), raw);
    }
}
