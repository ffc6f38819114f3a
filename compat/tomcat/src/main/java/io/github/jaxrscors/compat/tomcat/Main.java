package io.github.jaxrscors.compat.tomcat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.startup.Tomcat;

/** {@code Main <port> <work dir> <context>=<war> ...}: deploys each WAR under its context path. */
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
        tomcat.getServer().await();
    }
}
