package io.github.jaxrscors.it.field;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** varnishd in the foreground, its working folder inside the test's temporary folder. */
final class Varnish {

    private Varnish() {
    }

    /**
     * Starts varnishd with {@code vcl} (which declares the backends: varnishd takes no {@code -b}
     * beside {@code -f}), listening on each named socket, and waits until all of them listen.
     */
    static ChildProcess start(ChildProcesses rig, String vcl, Map<String, Integer> sockets)
            throws IOException, InterruptedException {
        Path folder = Files.createDirectories(rig.directory().resolve("varnish"));
        Path configuration = Files.writeString(folder.resolve("default.vcl"), vcl);
        List<String> command = new ArrayList<>(List.of(Binaries.require("varnishd"), "-F",
                "-n", folder.resolve("work").toString(), "-f", configuration.toString(),
                "-s", "malloc,32m", "-T", "none"));
        sockets.forEach((name, port) -> command.addAll(List.of("-a", name + "=127.0.0.1:" + port)));
        ChildProcess varnish = rig.start("varnishd", command, configuration);
        for (int port : sockets.values()) {
            varnish.awaitListening(port);
        }
        return varnish;
    }
}
