package io.github.jaxrscors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.testing.WithoutLibrary;
import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.TestConfig;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.LoopbackHttp;
import io.github.jaxrscors.failing.FailingApplication;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On Jersey, the 500 for an exception that no {@code ExceptionMapper} handles is readable by an
 * allowed origin, and is otherwise what Jersey answers without the library. Every case goes to the
 * same application started twice on the same container: once with the library on the class path
 * (installed by its drop-in, configured for {@value #ALLOWED}), once in a class loader without it.
 * The two answers must differ by the CORS headers alone (and, in a page that prints a stack trace,
 * by the library's one frame), and the two logs not at all.
 */
class UnmappedExceptionHttpTest {

    private static final String ALLOWED = "http://allowed.example";
    private static final String FOREIGN = "http://foreign.example";
    private static final String JERSEY_RESPONDER = "org.glassfish.jersey.server.ServerRuntime$Responder";

    /**
     * The library's frame in a stack trace: a container page that prints the trace of an exception
     * created in the writer's {@code failure} (Tomcat's, for checked exceptions and errors) shows it.
     */
    private static final Pattern LIBRARY_FRAME =
            Pattern.compile("\tio\\.github\\.jaxrscors\\.runtime\\.jersey\\.JerseyFailureHeaders\\$Writer\\.[^\r\n]*\r?\n");

    enum Container { GRIZZLY, TOMCAT }

    enum Variant { PLAIN, THROWABLE_MAPPER, SET_STATUS, OWN_FEATURE }

    /**
     * One way to fail: Jersey's answer without the library ({@code body} when the application
     * chose it), the exception Jersey logs when nothing mapped it, and whether an allowed origin
     * gets CORS headers on the answer.
     */
    record Case(String description, Variant variant, String path, int status, String body, String logged,
            boolean decorated) {

        @Override
        public String toString() {
            return description;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("unmapped RuntimeException", Variant.PLAIN, "fail/runtime", 500, null,
                    "java.lang.IllegalStateException: boom: runtime", true),
            new Case("unmapped checked exception", Variant.PLAIN, "fail/checked", 500, null,
                    "java.io.IOException: boom: checked", true),
            new Case("unmapped Error", Variant.PLAIN, "fail/error", 500, null,
                    "java.lang.AssertionError: boom: error", true),
            new Case("exception in a response filter", Variant.PLAIN, "fail/in-response-filter", 500, null,
                    "java.lang.IllegalStateException: boom: response filter", true),
            new Case("exception in a message body writer", Variant.PLAIN, "fail/in-writer", 500, null,
                    "java.lang.IllegalStateException: boom: message body writer", true),
            new Case("unmapped exception resumed asynchronously", Variant.PLAIN, "fail/async", 500, null,
                    "java.lang.IllegalStateException: boom: async", true),
            new Case("asynchronous response timed out", Variant.PLAIN, "fail/async-timeout", 503, null, null, true),
            new Case("the application's mapper for the type", Variant.PLAIN, "fail/mapped", 418,
                    FailingApplication.MAPPED_BODY, null, true),
            new Case("WebApplicationException(404)", Variant.PLAIN, "fail/web-404", 404, null, null, true),
            new Case("NotFoundException", Variant.PLAIN, "fail/not-found", 404, null, null, true),
            new Case("no exception", Variant.PLAIN, "fail/fine", 200, "fine", null, true),
            new Case("the application's ExceptionMapper<Throwable>, RuntimeException", Variant.THROWABLE_MAPPER,
                    "fail/runtime", 503, "mapped by the application: IllegalStateException", null, true),
            new Case("the application's ExceptionMapper<Throwable>, checked exception", Variant.THROWABLE_MAPPER,
                    "fail/checked", 503, "mapped by the application: IOException", null, true),
            new Case("the application's ExceptionMapper<Throwable>, WebApplicationException(404)",
                    Variant.THROWABLE_MAPPER, "fail/web-404", 503,
                    "mapped by the application: WebApplicationException", null, true),
            new Case("the application's ExceptionMapper<Throwable>, response filter failing on its answer too",
                    Variant.THROWABLE_MAPPER, "fail/in-response-filter", 500, null,
                    "org.glassfish.jersey.server.internal.process.MappableException: "
                            + "java.lang.IllegalStateException: boom: response filter", true),
            // Jersey's writers reset the response, headers included, before the container's page.
            new Case("unmapped RuntimeException under setStatusOverSendError", Variant.SET_STATUS, "fail/runtime", 500,
                    null, null, false),
            // The library installed by the application itself, Jersey's auto-discovery off.
            new Case("unmapped RuntimeException, CorsFeature registered by the application", Variant.OWN_FEATURE,
                    "fail/runtime", 500, null, "java.lang.IllegalStateException: boom: runtime", true),
            new Case("exception in a message body writer, CorsFeature registered by the application",
                    Variant.OWN_FEATURE, "fail/in-writer", 500, null,
                    "java.lang.IllegalStateException: boom: message body writer", true));

    private static final Map<String, String> CONFIG = Map.of("cors.allowed-origins", ALLOWED);
    private static final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                logged.add(describe(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static final Map<String, Server> servers = new HashMap<>();
    private static URLClassLoader withoutLibrary;

    @BeforeAll
    static void captureLogs() {
        withoutLibrary = WithoutLibrary.classLoader();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterAll
    static void stopAll() throws Exception {
        Logger.getLogger("").removeHandler(capture);
        for (Server server : servers.values()) {
            server.close();
        }
        withoutLibrary.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(Container.values()).flatMap(container -> CASES.stream().map(c -> Arguments.of(container, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void theAllowedOriginReadsWhatJerseyAnswersWithoutTheLibrary(Container container, Case c) {
        Exchange without = server(container, c.variant(), false).get(c.path(), ALLOWED);
        Exchange with = server(container, c.variant(), true).get(c.path(), ALLOWED);

        assertThat(without.response().status()).as("Jersey's own status").isEqualTo(c.status());
        if (c.body() != null) {
            assertThat(without.response().body()).as("the application's own body").isEqualTo(c.body());
        }
        assertThat(without.response().corsHeaders()).isEmpty();

        if (c.decorated()) {
            assertThat(with.response().all("Access-Control-Allow-Origin")).containsExactly(ALLOWED);
            assertThat(with.response().all("Vary")).containsExactly("Origin");
        } else {
            assertThat(with.response().corsHeaders()).isEmpty();
        }
        Stripped rest = Stripped.of(with.response());
        Stripped plain = Stripped.of(without.response());
        assertThat(rest.libraryFrames()).as("the library's frames in a printed stack trace").isLessThanOrEqualTo(1);
        assertThat(rest.statusLine()).isEqualTo(plain.statusLine());
        assertThat(rest.body()).as("body").isEqualTo(plain.body());
        assertThat(rest.headers()).as("every other header").containsExactlyInAnyOrderElementsOf(plain.headers());

        assertThat(with.logged()).as("what is logged").isEqualTo(without.logged());
        if (c.logged() != null) {
            assertThat(with.logged()).as("Jersey logs the exception as before").anyMatch(line ->
                    line.startsWith("WARNING " + JERSEY_RESPONDER + ": ") && line.endsWith(" | thrown " + c.logged()));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aForeignOriginIsRefusedBeforeTheResourceRuns(Container container) {
        Server server = server(container, Variant.PLAIN, true);
        int invocations = FailingApplication.INVOCATIONS.get();

        Reply refused = server.get("fail/runtime", FOREIGN).response();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.corsHeaders()).isEmpty();
        assertThat(FailingApplication.INVOCATIONS.get()).as("resource invocations").isEqualTo(invocations);
    }

    // --- the servers

    /** What a client got, and what was logged while the container handled the request. */
    record Exchange(Reply response, List<String> logged) {
    }

    /**
     * The parts of a response that the library must leave alone: its CORS headers and its stack
     * frame taken out, the length counted again, and the date left aside.
     */
    record Stripped(String statusLine, List<String> headers, String body, long libraryFrames) {

        static Stripped of(Reply response) {
            String statusLine = response.raw().substring(0, response.raw().indexOf("\r\n"));
            long libraryFrames = LIBRARY_FRAME.matcher(response.body()).results().count();
            String body = LIBRARY_FRAME.matcher(response.body()).replaceAll("");
            List<String> headers = new ArrayList<>();
            for (Map.Entry<String, String> header : response.headers()) {
                String name = header.getKey();
                if (name.equalsIgnoreCase("Date") || name.toLowerCase(Locale.ROOT).startsWith("access-control-")
                        || name.equalsIgnoreCase("Vary") && header.getValue().equals("Origin")) {
                    continue;
                }
                headers.add(name + ": " + (name.equalsIgnoreCase("Content-Length") ? body.length() : header.getValue()));
            }
            return new Stripped(statusLine, headers, body, libraryFrames);
        }
    }

    private static Server server(Container container, Variant variant, boolean withLibrary) {
        return servers.computeIfAbsent(container + " " + variant + " " + withLibrary,
                key -> Server.start(container, variant, withLibrary));
    }

    private record Server(int port, AutoCloseable stop, Semaphore completed, List<Config> configs) implements AutoCloseable {

        static Server start(Container container, Variant variant, boolean withLibrary) {
            Semaphore completed = new Semaphore(0);
            List<Config> configs = new ArrayList<>();
            ClassLoader loader = withLibrary ? UnmappedExceptionHttpTest.class.getClassLoader() : withoutLibrary;
            // Tomcat deploys the servlet at the first request, with its own class loader as context loader.
            Consumer<ClassLoader> deploymentLoader = withLibrary ? webapp -> {
                Config config = TestConfig.of(CONFIG);
                ConfigProviderResolver.instance().registerConfig(config, webapp);
                configs.add(config);
            } : webapp -> { };
            Map.Entry<Integer, AutoCloseable> started = withLibrary
                    ? TestServer.withConfigProvider(TestConfig.of(CONFIG),
                            () -> launch(loader, container, variant, completed, deploymentLoader))
                    : inContext(loader, () -> launch(loader, container, variant, completed, deploymentLoader));
            Server server = new Server(started.getKey(), started.getValue(), completed, configs);
            // The first request deploys the servlet, which logs on its own account.
            server.get("fail/fine", null);
            return server;
        }

        Exchange get(String path, String origin) {
            logged.clear();
            Reply response = origin == null
                    ? LoopbackHttp.plain().send("GET", URI.create("http://localhost:" + port + "/" + path))
                    : LoopbackHttp.plain().send("GET", URI.create("http://localhost:" + port + "/" + path), "Origin", origin);
            try {
                assertThat(completed.tryAcquire(20, TimeUnit.SECONDS))
                        .as("the server finished the request").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Exchange(response, List.copyOf(logged));
        }

        @Override
        public void close() throws Exception {
            stop.close();
            configs.forEach(ConfigProviderResolver.instance()::releaseConfig);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map.Entry<Integer, AutoCloseable> launch(ClassLoader loader, Container container, Variant variant,
            Semaphore completed, Consumer<ClassLoader> deploymentLoader) {
        try {
            Class<?> application = Class.forName(FailingApplication.class.getName(), true, loader);
            return (Map.Entry<Integer, AutoCloseable>) application
                    .getMethod("start", String.class, String.class, Semaphore.class, Consumer.class)
                    .invoke(null, container.name(), variant.name(), completed, deploymentLoader);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("could not start " + container + " " + variant, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code action} with {@code loader} as context class loader, where Jersey looks for its services. */
    private static <T> T inContext(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String describe(LogRecord record) {
        Throwable thrown = record.getThrown();
        return record.getLevel() + " " + record.getLoggerName() + ": " + new SimpleFormatter().formatMessage(record)
                + (thrown == null ? "" : " | thrown " + thrown);
    }
}
