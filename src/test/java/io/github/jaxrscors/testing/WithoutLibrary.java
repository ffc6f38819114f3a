package io.github.jaxrscors.testing;

import io.github.jaxrscors.CorsFeature;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tests' class path without the library: what an application sees before it adds the jar.
 * Its classes share only the JDK with the tests (JUL included, so log records of both meet).
 */
public final class WithoutLibrary {

    private WithoutLibrary() {
    }

    public static URLClassLoader classLoader() {
        Path library = location(CorsFeature.class);
        // Surefire and Failsafe start the tests through a manifest-only jar and publish the real path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        boolean libraryLeftOut = false;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (path.equals(library)) {
                libraryLeftOut = true;
                continue;
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(entry, e);
            }
        }
        if (!libraryLeftOut) {
            throw new IllegalStateException("the library (" + library + ") is not on the class path " + classPath);
        }
        // Unnamed, so that stack traces (which some error pages print) read the same in both copies.
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
