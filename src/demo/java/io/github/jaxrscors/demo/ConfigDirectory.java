package io.github.jaxrscors.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Configuration from a directory holding one file per key, named after the key and holding its
 * value: the way Kubernetes mounts a ConfigMap. Unlike SmallRye's file-system source, which reads
 * the directory once, it reads the file each time a key is asked for, so that an edit (or the
 * kubelet's update of a mounted ConfigMap) reaches the next refresh of the CORS policy.
 */
final class ConfigDirectory implements ConfigSource {

    /** Above {@code microprofile-config.properties} (100), below environment variables (300). */
    static final int ORDINAL = 200;

    private final Path directory;

    ConfigDirectory(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    @Override
    public Set<String> getPropertyNames() {
        try (Stream<Path> files = Files.list(directory)) {
            // Kubernetes keeps its own bookkeeping in entries that start with "..".
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("..")).collect(Collectors.toUnmodifiableSet());
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String getValue(String key) {
        if (key.isEmpty() || key.startsWith(".") || key.contains("/") || key.contains("\\")) {
            return null;
        }
        try {
            return Files.readString(directory.resolve(key)).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "ConfigDirectory[" + directory + "]";
    }
}
