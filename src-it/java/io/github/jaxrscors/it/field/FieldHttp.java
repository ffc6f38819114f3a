package io.github.jaxrscors.it.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * HTTP/1.1 as a script outside the browser sends it, every wait bounded. Plain HTTP/1.1 on
 * purpose: the JDK's default HTTP/2 would first ask the proxy for an h2c upgrade.
 */
final class FieldHttp {

    private final HttpClient client;

    private FieldHttp(HttpClient.Builder builder) {
        client = builder.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static FieldHttp plain() {
        return new FieldHttp(HttpClient.newBuilder());
    }

    static FieldHttp trusting(SSLContext tls) {
        return new FieldHttp(HttpClient.newBuilder().sslContext(tls));
    }

    HttpResponse<String> send(String method, URI uri, Map<String, String> headers) {
        return send(method, uri, headers, null);
    }

    /** With {@code json} as the body, when not null. */
    HttpResponse<String> send(String method, URI uri, Map<String, String> headers, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
