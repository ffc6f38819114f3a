package io.github.jaxrscors;

import io.github.jaxrscors.testing.TestServer;
import io.github.jaxrscors.testing.Reply;
import io.github.jaxrscors.testing.MutableConfigSource;
import io.github.jaxrscors.internal.config.MicroProfileSettings;
import io.github.jaxrscors.internal.deployment.Installation;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.it.app.CorsAdminResource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.file.FileSystemConfigSource;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which of SmallRye Config's own sources a reload reads anew, as the documentation says: system
 * properties yes; {@code META-INF/microprofile-config.properties} and the file-system source (a
 * Kubernetes ConfigMap mounted as a directory) no, they are read once when the configuration is
 * built. (Environment variables cannot change inside a running JVM.)
 */
class RefreshedConfigSourcesTest {

    private static final String OLD = "https://old.example.com";
    private static final String NEW = "https://new.example.com";
    private static final String KEY = "cors.allowed-origins";

    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path folder;

    @AfterEach
    void close() throws Exception {
        System.clearProperty(KEY);
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void systemPropertiesSetAtRunTimeAreReadAgain() throws Exception {
        Config config = applicationConfig(Map.of(KEY, OLD));
        TestServer server = start(config);
        assertThat(origin(server, NEW)).isNull();

        System.setProperty(KEY, NEW);

        assertThat(reload(server)).isEqualTo("true");
        assertThat(origin(server, NEW)).isEqualTo(NEW);
        assertThat(origin(server, OLD)).as("the system property overrides the file").isNull();
    }

    @Test
    void microprofileConfigPropertiesIsReadOnce() throws Exception {
        Config config = applicationConfig(Map.of(KEY, OLD));
        TestServer server = start(config);

        Files.writeString(folder.resolve("META-INF/microprofile-config.properties"), KEY + "=" + NEW + "\n");

        assertThat(reload(server)).isEqualTo("false");
        assertThat(origin(server, OLD)).isEqualTo(OLD);
        assertThat(origin(server, NEW)).isNull();
    }

    @Test
    void smallRyesFileSystemSourceReadsItsDirectoryOnce() throws Exception {
        Path configMap = Files.createDirectories(folder.resolve("config-map"));
        Files.writeString(configMap.resolve(KEY), OLD);
        Config config = new SmallRyeConfigBuilder().withSources(new FileSystemConfigSource(configMap.toFile())).build();
        TestServer server = start(config);
        assertThat(origin(server, OLD)).isEqualTo(OLD);

        Files.writeString(configMap.resolve(KEY), NEW);

        assertThat(reload(server)).isEqualTo("false");
        assertThat(origin(server, NEW)).isNull();
    }

    /** Why the library lists names from each source itself: SmallRye keeps the list it made the first time. */
    @Test
    void smallRyeListsThePropertyNamesItFoundWhenBuilt() {
        MutableConfigSource source = new MutableConfigSource(Map.of(KEY, OLD), KEY);
        Config config = new SmallRyeConfigBuilder().withSources(source).build();
        assertThat(names(config.getPropertyNames())).as("listed once, as at deployment").containsExactly(KEY);

        source.set("cors.max-age", "60");

        assertThat(names(config.getPropertyNames())).doesNotContain("cors.max-age");
        assertThat(config.getValue("cors.max-age", String.class)).isEqualTo("60");
        assertThat(names(MicroProfileSettings.of(config).propertyNames())).contains("cors.max-age");
    }

    /** A copy: SmallRye's list of names can be walked only once. */
    private static List<String> names(Iterable<String> names) {
        return StreamSupport.stream(names.spliterator(), false).toList();
    }

    /**
     * The configuration MicroProfile Config discovers for an application: system properties,
     * environment variables and {@code META-INF/microprofile-config.properties} on its class path.
     */
    private Config applicationConfig(Map<String, String> file) throws IOException {
        Path metaInf = Files.createDirectories(folder.resolve("META-INF"));
        StringBuilder properties = new StringBuilder();
        file.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        Files.writeString(metaInf.resolve("microprofile-config.properties"), properties);
        URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, getClass().getClassLoader());
        open.add(loader);
        Config config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources().build();
        assertThat(config.getConfigSources()).anyMatch(s -> s instanceof PropertiesConfigSource
                && s.getName().contains(folder.toString()));
        return config;
    }

    private TestServer start(Config config) {
        TestServer server = TestServer.start(new ResourceConfig(LiveReconfigurationTest.Items.class,
                CorsAdminResource.class).register(new Installation(null, () -> MicroProfileSettings.of(config))));
        open.add(server);
        return server;
    }

    /** The Access-Control-Allow-Origin a GET from {@code origin} gets, or null. */
    private static String origin(TestServer server, String origin) {
        return server.send("GET", "items", "Origin", origin).header("Access-Control-Allow-Origin");
    }

    private static String reload(TestServer server) {
        Reply response = server.sendWithBody("POST", "admin/cors/reload", "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
