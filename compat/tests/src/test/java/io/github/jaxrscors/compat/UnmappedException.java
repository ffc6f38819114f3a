package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * An exception that no {@code ExceptionMapper} handles ({@code GET failing}), on a runtime that serves the
 * application twice: with the library, and without it (its jar left out). From the allowed origin the
 * runtime's own 500 must come back readable: everything the application alone answers (status, body,
 * every other header) and logs, plus the decision's {@code Access-Control-Allow-Origin} and
 * {@code Vary: Origin}. From a foreign origin it is refused before the resource runs.
 */
final class UnmappedException {

    /** Error ids (Quarkus: a UUID and a counter) differ from one failure to the next. */
    private static final Pattern ERROR_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\\d+");
    /** Dropwizard's error ids ({@code LoggingExceptionMapper}): 16 hexadecimal digits, in the body and the log. */
    private static final Pattern HEX_ERROR_ID = Pattern.compile("\\b[0-9a-f]{16}\\b");
    /** Identity hash codes of the objects a log line names. */
    private static final Pattern HASH = Pattern.compile("@[0-9a-f]+\\b");
    /**
     * The frames of Jetty's thread pool at the bottom of a logged stack trace: they show which of its
     * threads ran the request, which varies from one request to the next.
     */
    private static final Pattern POOL_FRAME = Pattern.compile("(\\s+|!\\s)at org\\.eclipse\\.jetty\\.util\\.thread\\..*");
    /**
     * A frame of the library's own servlet filter (Spring Boot), and the frame of the container's
     * filter chain that called it: a filter in the chain shows in every stack trace logged below it.
     */
    private static final Pattern LIBRARY_FILTER_FRAME = Pattern.compile("\\s+at io\\.github\\.jaxrscors\\.runtime\\.\\w+\\.\\w+Filter\\.doFilter\\(.*");
    private static final Pattern FILTER_CHAIN_FRAME = Pattern.compile("\\s+at org\\.apache\\.catalina\\.core\\.ApplicationFilterChain\\.doFilter\\(.*");
    /**
     * Tomcat's request threads in Spring Boot's log: the last 15 characters of
     * {@code http-nio-127.0.0.1-<port>-exec-<n>}, so how much of the address shows depends on how many
     * digits the thread's number has ({@code .1-35001-exec-9} but {@code 1-35001-exec-10}); which thread
     * serves the request varies from one request to the next.
     */
    private static final Pattern REQUEST_THREAD = Pattern.compile("\\[[^\\]\\s]*-exec-\\d+\\]");
    /** Hexadecimal ids, such as those Helidon gives its sockets and connections ({@code [0x6cd1a0b3 0x2f0cb120]}). */
    private static final Pattern HEX_ID = Pattern.compile("\\b0x[0-9a-f]+\\b");
    /** Times, ports, thread and line counters: the two servers need not agree on them. */
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One deployment of the application: its base ({@code .../api/}), the server whose output holds its
     * log, and its context path, which the two deployments in one server name differently (null when the
     * deployments are in servers of their own).
     */
    record Deployment(URI api, ServerProcess server, String context) {
    }

    /** What the client got and what the server logged meanwhile, with what may differ between two servers made equal. */
    record Exchange(int status, Map<String, List<String>> headers, String body, List<String> logged) {
    }

    private UnmappedException() {
    }

    static void assertReadable(String runtime, Deployment with, Deployment without) {
        assertUnmapped(runtime, with, without, true);
    }

    /**
     * Payara's error report resets the response, headers and all, before it writes its page
     * ({@code ErrorReportValve.postInvoke}): there the 500 stays what Payara makes it, without CORS headers.
     */
    static void assertUnreadable(String runtime, Deployment with, Deployment without) {
        assertUnmapped(runtime, with, without, false);
    }

    private static void assertUnmapped(String runtime, Deployment with, Deployment without, boolean readable) {
        Exchange plain = fail(without, DropInChecks.APP);
        Exchange decorated = fail(with, DropInChecks.APP);
        record(runtime, "without the library", plain);
        record(runtime, "with the library", decorated);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(plain.status()).as("the runtime's own status").isEqualTo(500);
        softly.assertThat(corsHeaders(plain)).as("no CORS header without the library").isEmpty();
        if (readable) {
            softly.assertThat(decorated.headers().get("access-control-allow-origin")).as("ACAO with the library")
                    .containsExactly(DropInChecks.APP);
            softly.assertThat(decorated.headers().get("vary")).as("Vary with the library")
                    .anySatisfy(vary -> assertThat(vary.split("\\s*,\\s*")).contains("Origin"));
        } else {
            softly.assertThat(corsHeaders(decorated)).as("no CORS header survives the runtime's error report").isEmpty();
        }
        softly.assertThat(decorated.status()).as("status").isEqualTo(plain.status());
        softly.assertThat(decorated.body()).as("body").isEqualTo(plain.body());
        softly.assertThat(withoutCors(decorated.headers())).as("every other header").isEqualTo(withoutCors(plain.headers()));
        softly.assertThat(decorated.logged()).as("what the runtime logged").isEqualTo(plain.logged());

        int invocations = invocations(with);
        HttpResponse<String> foreign = DropInChecks.get(with.api().resolve("failing"), DropInChecks.FOREIGN);
        softly.assertThat(foreign.statusCode()).as("foreign origin: status").isEqualTo(403);
        softly.assertThat(DropInChecks.header(foreign, "Access-Control-Allow-Origin")).as("foreign origin: no ACAO").isEmpty();
        softly.assertThat(invocations(with)).as("foreign origin: resource invocations").isEqualTo(invocations);

        if (!softly.wasSuccess()) {
            softly.fail("the server's output follows" + with.server().describe());
        }
        softly.assertAll();
    }

    private static Exchange fail(Deployment deployment, String origin) {
        int mark = deployment.server().mark();
        HttpResponse<String> response = DropInChecks.get(deployment.api().resolve("failing"), origin);
        String logged = deployment.server().outputSince(mark, QUIET, LOG_TIMEOUT);
        List<String> lines = new ArrayList<>();
        boolean callerOfLibraryFilter = false;
        for (String line : logged.split("\n")) {
            boolean skip = callerOfLibraryFilter && FILTER_CHAIN_FRAME.matcher(line).matches();
            callerOfLibraryFilter = LIBRARY_FILTER_FRAME.matcher(line).matches();
            if (!line.isBlank() && !POOL_FRAME.matcher(line).matches() && !callerOfLibraryFilter && !skip) {
                lines.add(normalize(line, deployment));
            }
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Exchange(response.statusCode(), headers, normalize(response.body(), deployment), lines);
    }

    private static String normalize(String text, Deployment deployment) {
        String same = HASH.matcher(HEX_ERROR_ID.matcher(ERROR_ID.matcher(text).replaceAll("<error id>")).replaceAll("<error id>"))
                .replaceAll("@<hash>");
        same = HEX_ID.matcher(same).replaceAll("0x<id>");
        same = REQUEST_THREAD.matcher(same).replaceAll("[<request thread>]");
        if (deployment.context() != null) {
            String context = deployment.context();
            same = same.replace("/" + context + "/", "/<context>/").replace("/" + context + "]", "/<context>]")
                    .replace("deployment." + context + ".war", "deployment.<context>.war");
        }
        return DIGITS.matcher(same).replaceAll("0");
    }

    private static Map<String, List<String>> corsHeaders(Exchange exchange) {
        Map<String, List<String>> cors = new TreeMap<>(exchange.headers());
        cors.keySet().removeIf(name -> !name.startsWith("access-control-"));
        return cors;
    }

    /** The headers the library must leave alone: all but its own, the {@code Origin} in {@code Vary}, and the date. */
    private static Map<String, List<String>> withoutCors(Map<String, List<String>> headers) {
        Map<String, List<String>> rest = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (name.startsWith("access-control-") || name.equals("date")) {
                return;
            }
            if (name.equals("vary")) {
                List<String> tokens = new ArrayList<>();
                for (String value : values) {
                    for (String token : value.split("\\s*,\\s*")) {
                        if (!token.isBlank() && !token.equalsIgnoreCase("Origin")) {
                            tokens.add(token);
                        }
                    }
                }
                if (!tokens.isEmpty()) {
                    rest.put(name, tokens);
                }
                return;
            }
            rest.put(name, values);
        });
        return rest;
    }

    private static int invocations(Deployment deployment) {
        HttpResponse<String> response = Http.send("GET", deployment.api().resolve("failing/invocations"), Map.of());
        assertThat(response.statusCode()).as("GET failing/invocations" + deployment.server().describe()).isEqualTo(200);
        return Integer.parseInt(response.body().trim());
    }

    /** For the table in docs/runtimes.md: target/server-logs/unmapped-exceptions.txt. */
    private static void record(String runtime, String variant, Exchange exchange) {
        String body = exchange.body().replaceAll("\\s+", " ");
        String line = String.format("%-26s %-20s status %d, ACAO %s, Vary %s, Content-Type %s, body (%d chars): %s%n    logged: %s%n",
                runtime, variant, exchange.status(), exchange.headers().getOrDefault("access-control-allow-origin", List.of()),
                exchange.headers().getOrDefault("vary", List.of()), exchange.headers().getOrDefault("content-type", List.of()),
                exchange.body().length(), body.substring(0, Math.min(160, body.length())),
                exchange.logged().isEmpty() ? "nothing" : exchange.logged().get(0) + " (" + exchange.logged().size() + " lines)");
        System.out.print("unmapped exception: " + line);
        try {
            Path report = Path.of(System.getProperty("compat.logs"), "unmapped-exceptions.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
