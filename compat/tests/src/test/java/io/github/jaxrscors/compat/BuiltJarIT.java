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
        for (String module : List.of("jersey31-grizzly", "resteasy62-undertow", "cxf-jetty", "spring-boot-jersey", "dropwizard")) {
            List<Path> copies = Arrays.stream(Files.readString(Modules.target(module, "classpath.txt")).trim().split(java.io.File.pathSeparator))
                    .map(Path::of).filter(path -> path.getFileName().toString().startsWith("jaxrs-cors")).toList();
            assertThat(copies).as(module + " classpath").hasSize(1);
            assertThat(sha256(copies.get(0))).as(module).isEqualTo(sha256(LIBRARY));
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
