package io.github.jaxrscors.it.field;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** nginx in the foreground, every file it writes inside a folder of its own. */
final class Nginx {

    private Nginx() {
    }

    /**
     * Starts nginx with {@code http} (given the folder, for cache paths) as the body of its
     * {@code http} block, and waits until it listens on every one of {@code ports}.
     */
    static ChildProcess start(ChildProcesses rig, String name, Function<Path, String> http, int... ports)
            throws IOException, InterruptedException {
        Path folder = Files.createDirectories(rig.directory().resolve(name));
        Path errorLog = folder.resolve("error.log");
        Path configuration = folder.resolve("nginx.conf");
        Files.writeString(configuration, """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log notice;
                events {
                    worker_connections 64;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy_temp;
                    fastcgi_temp_path %1$s/fastcgi_temp;
                    uwsgi_temp_path %1$s/uwsgi_temp;
                    scgi_temp_path %1$s/scgi_temp;
                %2$s
                }
                """.formatted(folder, http.apply(folder)));
        // -e: the log for problems met before the configuration is read, else a system path.
        ChildProcess nginx = rig.start(name, List.of(Binaries.require("nginx"), "-c", configuration.toString(),
                "-p", folder.toString(), "-e", errorLog.toString(), "-g", "daemon off;"), configuration, errorLog);
        for (int port : ports) {
            nginx.awaitListening(port);
        }
        return nginx;
    }
}
