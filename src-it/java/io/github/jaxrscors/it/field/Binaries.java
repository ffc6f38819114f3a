package io.github.jaxrscors.it.field;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the machine's own programs; a missing one fails the test with the command that installs it. */
final class Binaries {

    static final String INSTALL = "apt-get install -y nginx varnish openssl";

    private Binaries() {
    }

    /** {@code name} on the PATH, or in the sbin folders a non-root PATH often lacks. */
    static String require(String name) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        folders.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        for (String folder : folders) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
                return Path.of(folder, name).toString();
            }
        }
        throw new AssertionError(name + " not found on the PATH nor in /usr/sbin: the field tests run the real "
                + "nginx, Varnish and openssl; install them with: " + INSTALL);
    }
}
