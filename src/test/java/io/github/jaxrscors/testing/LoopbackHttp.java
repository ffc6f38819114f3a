package io.github.jaxrscors.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 to a server on this machine, each request written exactly as given, as browsers and
 * attackers send them: a header name given twice goes out on two lines, and {@link #sendLines}
 * sends what client libraries refuse or quietly repair (bare CR, NUL, folded lines, non-ASCII).
 *
 * <p>Every request has a connection of its own and asks the server to close it after answering
 * ({@code Connection: close}). A pooled connection can be one the server is already closing after
 * an error answer, and the request sent on it fails; here none can, so nothing is ever sent twice.
 * Reading until the server closes also gives the whole response, framing checked, to the test.
 */
public final class LoopbackHttp {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** A cold server on a busy two-core machine answers well within this; a hung one fails the test. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private static final LoopbackHttp PLAIN = new LoopbackHttp(null);

    private final SSLContext tls;

    private LoopbackHttp(SSLContext tls) {
        this.tls = tls;
    }

    /** For {@code http:} addresses. */
    public static LoopbackHttp plain() {
        return PLAIN;
    }

    /**
     * For {@code http:} and {@code https:} addresses; the server's certificate must be one {@code tls}
     * trusts and must name the host, as a browser checks it.
     */
    public static LoopbackHttp trusting(SSLContext tls) {
        return new LoopbackHttp(tls);
    }

    /** Sends a request without a body; {@code headers} alternate name and value. */
    public Reply send(String method, URI uri, String... headers) {
        return exchange(method, uri, lines(headers), null);
    }

    /** Sends {@code body} in UTF-8 with its {@code Content-Length}; {@code headers} alternate name and value. */
    public Reply sendWithBody(String method, URI uri, String body, String... headers) {
        return exchange(method, uri, lines(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends each of {@code headerLines} ("Name: value") verbatim after {@code Host}: in ISO-8859-1,
     * unless the request holds characters beyond it, then all of it in UTF-8.
     */
    public Reply sendLines(String method, URI uri, List<String> headerLines) {
        return exchange(method, uri, headerLines, null);
    }

    private static List<String> lines(String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers alternate name and value: " + Arrays.toString(headers));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            String line = headers[i] + ": " + headers[i + 1];
            if (line.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("no browser sends CR, LF or NUL in a header; sendLines does: " + line);
            }
            lines.add(line);
        }
        return lines;
    }

    private Reply exchange(String method, URI uri, List<String> headerLines, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target(uri)).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] received = roundTrip(uri, bytes(head.toString()), body == null ? new byte[0] : body);
        try {
            return parse(method, received);
        } catch (RuntimeException e) {
            throw new AssertionError(method + " " + uri + ": malformed response (" + e.getMessage() + "):\n"
                    + new String(received, StandardCharsets.ISO_8859_1), e);
        }
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static byte[] bytes(String text) {
        boolean latin1 = text.chars().allMatch(c -> c < 0x100);
        return text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private byte[] roundTrip(URI uri, byte[] head, byte[] body) {
        InetAddress address = loopback(uri);
        int port = uri.getPort();
        try (Socket socket = open(uri, address, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return readUntilClosed(socket.getInputStream(), uri);
        } catch (IOException e) {
            throw new AssertionError("request to " + uri + " failed", e);
        }
    }

    /** Only loopback traffic: a test that addresses anything else is wrong, whatever it answers. */
    private static InetAddress loopback(URI uri) {
        try {
            InetAddress address = InetAddress.getByName(uri.getHost());
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException(uri + " is not on this machine (" + address + ")");
            }
            return address;
        } catch (IOException e) {
            throw new IllegalArgumentException(uri + ": " + e, e);
        }
    }

    private Socket open(URI uri, InetAddress address, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return socket;
        }
        if (tls == null) {
            socket.close();
            throw new IllegalArgumentException(uri + " needs LoopbackHttp.trusting(the server's certificate)");
        }
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, uri.getHost(), port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }

    private static byte[] readUntilClosed(InputStream in, URI uri) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketException reset) {
                // A server that refuses a request may reset the connection once it has answered;
                // without an answer before it, the exchange failed.
                if (received.size() == 0) {
                    throw new AssertionError(uri + ": connection reset before any answer", reset);
                }
                break;
            }
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
        }
        return received.toByteArray();
    }

    private static Reply parse(String method, byte[] received) {
        int headEnd = indexOf(received, END_OF_HEAD, 0);
        String raw = new String(received, StandardCharsets.ISO_8859_1);
        if (!raw.startsWith("HTTP/1.") || headEnd < 0) {
            throw new IllegalStateException("no status line and header block");
        }
        String[] lines = raw.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("header line without a name: '" + lines[i] + "'");
            }
            headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
        }
        byte[] rest = Arrays.copyOfRange(received, headEnd + END_OF_HEAD.length, received.length);
        Reply head = new Reply(status, headers, "", raw);
        byte[] body = body(method, head, rest);
        return new Reply(status, headers, new String(body, charset(head.header("Content-Type"))), raw);
    }

    /** The body, as the response's own framing delimits it; fails when the server sent less or more. */
    private static byte[] body(String method, Reply head, byte[] rest) {
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
            if (rest.length > 0) {
                throw new IllegalStateException(rest.length + " bytes after a response that has no body");
            }
            return rest;
        }
        String transferEncoding = head.header("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return dechunk(rest);
        }
        String length = head.header("Content-Length");
        if (length != null && Integer.parseInt(length) != rest.length) {
            throw new IllegalStateException("Content-Length " + length + " but " + rest.length + " bytes");
        }
        return rest;
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, CRLF, at);
            if (lineEnd < 0) {
                throw new IllegalStateException("chunked body ends before its last chunk");
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            at = lineEnd + CRLF.length;
            if (size == 0) {
                return body.toByteArray();
            }
            if (at + size + CRLF.length > chunked.length
                    || !Arrays.equals(chunked, at + size, at + size + CRLF.length, CRLF, 0, CRLF.length)) {
                throw new IllegalStateException("chunk of " + size + " bytes cut short or not ended by CRLF");
            }
            body.write(chunked, at, size);
            at += size + CRLF.length;
        }
    }

    private static Charset charset(String contentType) {
        Matcher m = contentType == null ? null : CHARSET.matcher(contentType);
        return m != null && m.find() ? Charset.forName(m.group(1)) : StandardCharsets.UTF_8;
    }

    private static int indexOf(byte[] bytes, byte[] wanted, int from) {
        for (int i = from; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }
}
