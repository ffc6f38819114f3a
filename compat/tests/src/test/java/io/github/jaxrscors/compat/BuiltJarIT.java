package io.github.jaxrscors.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.Test;

/** Every deployment of the matrix carries the library jar this build made, byte for byte. */
class BuiltJarIT {

    private static final Path LIBRARY = Path.of(System.getProperty("library.jar"));
    private static final String NAME = LIBRARY.getFileName().toString();

    @Test
    void warsCarryTheBuiltJar() throws IOException {
        for (String module : List.of("servlet-war", "ee-war")) {
            try (ZipFile war = new ZipFile(Modules.target(module, "app.war").toFile())) {
                ZipEntry entry = war.getEntry("WEB-INF/lib/" + NAME);
                assertThat(entry).as(module + " WEB-INF/lib/" + NAME).isNotNull();
                try (InputStream in = war.getInputStream(entry)) {
                    assertThat(sha256(in)).as(module).isEqualTo(sha256(LIBRARY));
                }
            }
        }
    }

    @Test
    void quarkusBuildsCarryTheBuiltJar() throws IOException {
        for (String module : List.of("quarkus-rest", "quarkus-resteasy")) {
            Path copy = Modules.target(module, "quarkus-app/lib/main/io.github.jaxrscors." + NAME);
            assertThat(sha256(copy)).as(module).isEqualTo(sha256(LIBRARY));
        }
    }

    @Test
    void embeddedServersRunTheBuiltJar() throws IOException {
        for (String module : List.of("jersey31-grizzly", "resteasy62-undertow", "cxf-jetty", "helidon-mp", "spring-boot-jersey", "dropwizard")) {
            List<Path> copies = Arrays.stream(Files.readString(Modules.target(module, "classpath.txt")).trim().split(java.io.File.pathSeparator))
                    .map(Path::of).filter(path -> path.getFileName().toString().startsWith("jaxrs-cors")).toList();
            assertThat(copies).as(module + " classpath").hasSize(1);
            assertThat(sha256(copies.get(0))).as(module).isEqualTo(sha256(LIBRARY));
        }
    }

    /**
     * Every Jandex reader on an application's class path opens the jar's index, not only the one it
     * was made for: Helidon MP 4.1's OpenAPI scan reads it with Jandex 3.1.2, and the server stops
     * when it cannot.
     */
    @Test
    void indexReadsWithHelidonsJandex() throws IOException {
        try (ZipFile jar = new ZipFile(LIBRARY.toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/jandex.idx");
            assertThat(entry).as("META-INF/jandex.idx in " + NAME).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                Index index = new IndexReader(in).read();
                assertThat(index.getClassByName(DotName.createSimple("io.github.jaxrscors.internal.deployment.ScannedDropIn")))
                        .as("the drop-in provider, which Quarkus REST finds in the index").isNotNull();
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
