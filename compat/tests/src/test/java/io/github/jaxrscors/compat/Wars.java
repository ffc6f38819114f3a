package io.github.jaxrscors.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Variants of a built WAR, as a user would produce them by editing one file of the project. */
final class Wars {

    static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";
    static final String WEB_XML = "WEB-INF/web.xml";

    private Wars() {
    }

    /** A copy of {@code war} at {@code copy} with the given entries replaced or added. */
    static Path variant(Path war, Path copy, Map<String, String> entries) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (!entries.containsKey(entry.getName())) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, String> added : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(added.getKey()));
                out.write(added.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code war} at {@code copy} without the library's jar: the application alone, as the runtime serves it. */
    static Path withoutLibrary(Path war, Path copy) {
        boolean removed = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().startsWith("WEB-INF/lib/jaxrs-cors-")) {
                    removed = true;
                } else {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!removed) {
            throw new AssertionError(war + " has no WEB-INF/lib/jaxrs-cors-*.jar to leave out");
        }
        return copy;
    }

    /** The WAR with its configuration's default origin written with the trailing-slash mistake. */
    static Path withBadOrigin(Path war, Path copy) {
        return variant(war, copy, Map.of(CONFIG, brokenConfig()));
    }

    static String brokenConfig() {
        String good = config();
        String broken = good.replace("cors.allowed-origins=https://app.example.com\n", "cors.allowed-origins=" + Modules.BAD_ORIGIN + "\n");
        if (broken.equals(good)) {
            throw new AssertionError("the configuration no longer has the line the broken variant edits");
        }
        return broken;
    }

    /** The application's configuration as every runtime gets it. */
    static String config() {
        try {
            return Files.readString(Path.of(System.getProperty("compat.dir"), "app", "config", "META-INF", "microprofile-config.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
