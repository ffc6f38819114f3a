package io.github.jaxrscors.compat.tomcat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Container;
import org.apache.catalina.startup.Tomcat;

/**
 * {@code Main <port> <work dir> <context>=<war> ...}: deploys each WAR under its context path. A line
 * {@code undeploy <context>} on standard input removes that context, as Tomcat's manager would.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        Path base = Files.createDirectories(Path.of(args[1]));
        // Tomcat expands each WAR into the host's appBase, which it does not create itself.
        Files.createDirectories(base.resolve("webapps"));
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // No JSP engine here: the WARs serve only Jakarta REST.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        for (int i = 2; i < args.length; i++) {
            String[] deployment = args[i].split("=", 2);
            tomcat.addWebapp("/" + deployment[0], Path.of(deployment[1]).toAbsolutePath().toString());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        tomcat.start();
        System.out.println("started http://127.0.0.1:" + args[0] + "/");
        Thread commands = new Thread(() -> undeployOnRequest(tomcat), "commands");
        commands.setDaemon(true);
        commands.start();
        tomcat.getServer().await();
    }

    private static void undeployOnRequest(Tomcat tomcat) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("undeploy ")) {
                    String path = "/" + line.substring("undeploy ".length()).trim();
                    Container context = tomcat.getHost().findChild(path);
                    if (context == null) {
                        System.out.println("no context " + path);
                    } else {
                        // Stops and destroys the context: Tomcat then looks for threads the application left behind.
                        tomcat.getHost().removeChild(context);
                        System.out.println("undeployed " + path);
                    }
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
