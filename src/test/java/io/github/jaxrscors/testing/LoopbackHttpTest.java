package io.github.jaxrscors.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test client itself, against a socket that records the request and answers with fixed bytes:
 * what it sends must be exactly what the test wrote, and a response cut short must fail the test
 * rather than reach it as a shorter body.
 */
class LoopbackHttpTest {

    /** Accepts one connection, keeps the request's bytes, answers with {@code response} and closes. */
    private static final class OneAnswer implements AutoCloseable {
        private final ServerSocket socket;
        private final CompletableFuture<byte[]> request = new CompletableFuture<>();

        OneAnswer(String response) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(10_000);
            Thread answering = new Thread(() -> answer(response.getBytes(StandardCharsets.ISO_8859_1)), "one-answer");
            answering.setDaemon(true);
            answering.start();
        }

        private void answer(byte[] response) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(10_000);
                request.complete(readHead(connection.getInputStream()));
                connection.getOutputStream().write(response);
            } catch (IOException | RuntimeException e) {
                request.completeExceptionally(e);
            }
        }

        /** The request up to its blank line; the requests here carry no body. */
        private static byte[] readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toByteArray();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        byte[] request() throws Exception {
            return request.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void headersGoOutInTheOrderGivenOneLineEach() throws Exception {
        try (OneAnswer server = new OneAnswer("HTTP/1.1 204 No Content\r\n\r\n")) {
            LoopbackHttp.plain().send("OPTIONS", server.uri("/r?id=1"), "Origin", "https://a.example",
                    "Access-Control-Request-Headers", "x-a", "Access-Control-Request-Headers", "x-b");

            assertThat(new String(server.request(), StandardCharsets.ISO_8859_1)).isEqualTo("OPTIONS /r?id=1 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.uri("").getPort() + "\r\n"
                    + "Origin: https://a.example\r\n"
                    + "Access-Control-Request-Headers: x-a\r\n"
                    + "Access-Control-Request-Headers: x-b\r\n"
                    + "Connection: close\r\n\r\n");
        }
    }

    @Test
    void linesGoOutByteForByte() throws Exception {
        try (OneAnswer latin1 = new OneAnswer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                OneAnswer utf8 = new OneAnswer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            LoopbackHttp.plain().sendLines("GET", latin1.uri("/"), List.of("Origin: a\rb\0c\u00e9"));
            LoopbackHttp.plain().sendLines("GET", utf8.uri("/"), List.of("Origin: \u4e2d"));

            assertThat(latin1.request()).containsSequence(0x0a, 'O', 'r', 'i', 'g', 'i', 'n', ':', ' ', 'a', 0x0d, 'b', 0, 'c', 0xe9);
            assertThat(utf8.request()).containsSequence("Origin: \u4e2d".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBrowserHeaderCannotSmuggleALine() {
        assertThatThrownBy(() -> LoopbackHttp.plain().send("GET", URI.create("http://127.0.0.1:9/"), "Origin", "a\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendLines");
    }

    @Test
    void onlyThisMachineIsAddressed() {
        assertThatThrownBy(() -> LoopbackHttp.plain().send("GET", URI.create("http://192.0.2.1:80/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not on this machine");
    }

    /** A response as the server writes it, and the body the client must make of it (null: it must fail). */
    record Framing(String description, String method, String response, String body) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Framing> framings() {
        return Stream.of(
                new Framing("Content-Length", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "hello"),
                new Framing("chunked", "GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n", "Wikipedia"),
                new Framing("until the connection closes", "GET", "HTTP/1.1 200 OK\r\n\r\nall of it", "all of it"),
                new Framing("UTF-8 unless the type says otherwise", "GET",
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n\u00c3\u00a9", "\u00e9"),
                new Framing("the type's charset", "GET",
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 1\r\n\r\n\u00e9", "\u00e9"),
                new Framing("HEAD, with the length of what GET would send", "HEAD",
                        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", ""),
                new Framing("204 without a body", "OPTIONS", "HTTP/1.1 204 No Content\r\n\r\n", ""),
                new Framing("shorter than Content-Length", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", null),
                new Framing("longer than Content-Length", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhello", null),
                new Framing("chunked, cut in a chunk", "GET",
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nWiki", null),
                new Framing("chunked, without its last chunk", "GET",
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n", null),
                new Framing("a body on a 204", "OPTIONS", "HTTP/1.1 204 No Content\r\n\r\nsurprise", null),
                new Framing("header block never ends", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n", null),
                new Framing("not HTTP", "GET", "SSH-2.0-OpenSSH\r\n\r\n", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void theBodyIsWhatTheFramingSaysOrTheTestFails(Framing framing) throws Exception {
        try (OneAnswer server = new OneAnswer(framing.response())) {
            if (framing.body() == null) {
                assertThatThrownBy(() -> LoopbackHttp.plain().send(framing.method(), server.uri("/")))
                        .isInstanceOf(AssertionError.class).hasMessageContaining("malformed response");
            } else {
                assertThat(LoopbackHttp.plain().send(framing.method(), server.uri("/")).body()).isEqualTo(framing.body());
            }
        }
    }

    @Test
    void replyHeadersCompareCaseInsensitivelyAndKeepTheirLines() throws Exception {
        String response = "HTTP/1.1 200 OK\r\n"
                + "access-control-allow-origin: https://a.example\r\n"
                + "Vary: Accept\r\n"
                + "VARY: Origin, , Cookie\r\n"
                + "Access-Control-Expose-Headers: X-A\r\n"
                + "Content-Length: 0\r\n\r\n";
        try (OneAnswer server = new OneAnswer(response)) {
            Reply reply = LoopbackHttp.plain().send("GET", server.uri("/"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("https://a.example");
            assertThat(reply.header("X-Absent")).isNull();
            assertThat(reply.all("vary")).containsExactly("Accept", "Origin, , Cookie");
            assertThat(reply.elements("Vary")).containsExactly("Accept", "Origin", "Cookie");
            assertThat(reply.corsHeaders()).containsExactly("access-control-allow-origin", "Access-Control-Expose-Headers");
            assertThat(reply.accessControlAndVary()).isEqualTo(Map.of(
                    "access-control-allow-origin", List.of("https://a.example"),
                    "access-control-expose-headers", List.of("X-A"),
                    "vary", List.of("Accept", "Origin, , Cookie")));
            assertThatThrownBy(() -> reply.header("Vary")).isInstanceOf(AssertionError.class).hasMessageContaining("2 times");
        }
    }
}
