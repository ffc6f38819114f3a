package io.github.jaxrscors.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Public Suffix List as a user gets it: inside the library jar, answering with nothing else on
 * the classpath, and without the artifact it was taken from becoming a dependency.
 */
class PublicSuffixListJarIT {

    private static final String RESOURCE = "io/github/jaxrscors/internal/policy/public-suffixes.txt";

    private final Path jar = Path.of(System.getProperty("it.library.jar"));

    @Test
    void jarCarriesTheCompactedListWithItsVersionAndLicence() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(RESOURCE);
            assertThat(entry).as("%s in %s", RESOURCE, jar).isNotNull();
            String text;
            try (InputStream in = file.getInputStream(entry)) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }

            assertThat(text)
                    .contains("Mozilla Public\n// License, v. 2.0")
                    .containsPattern("(?m)^// VERSION: \\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}_UTC$")
                    .containsPattern("(?m)^// COMMIT: [0-9a-f]{40}$")
                    .contains("org.apache.httpcomponents.client5:httpclient5:")
                    .contains("\nco.uk\n", "\ngithub.io\n", "\n*.ck\n", "\n!www.ck\n", "\nxn--55qx5d.cn\n");
            assertThat(entry.getCompressedSize()).as("compressed size in the jar").isLessThan(64 * 1024);
        }
    }

    @Test
    void answersFromTheJarAlone() throws Exception {
        // The platform class loader as parent: nothing of this test's classpath, only the JDK and the jar.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> lists = Class.forName("io.github.jaxrscors.internal.policy.PublicSuffixes", false, loader);
            Method isPublicSuffix = lists.getDeclaredMethod("isPublicSuffix", String.class);
            Method version = lists.getDeclaredMethod("version");
            isPublicSuffix.setAccessible(true);
            version.setAccessible(true);

            assertThat(isPublicSuffix.invoke(null, "github.io")).isEqualTo(true);
            assertThat(isPublicSuffix.invoke(null, "co.uk")).isEqualTo(true);
            assertThat(isPublicSuffix.invoke(null, "mycompany.co.uk")).isEqualTo(false);
            assertThat((String) version.invoke(null)).matches("\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}_UTC");
        }
    }

    @Test
    void sourceArtifactIsNeitherADependencyNorInside() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(JarEntry::getName))
                    .noneMatch(name -> name.startsWith("org/apache/") || name.startsWith("org/publicsuffix/"));

            JarEntry pom = file.getJarEntry("META-INF/maven/io.github.jaxrscors/jaxrs-cors/pom.xml");
            assertThat(pom).as("the pom Maven publishes with the jar").isNotNull();
            List<String> all = new ArrayList<>();
            List<String> runtime = new ArrayList<>();
            try (InputStream in = file.getInputStream(pom)) {
                Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
                // The project's own dependencies, not those under dependencyManagement or a profile.
                for (Element dependency : children(children(project, "dependencies").get(0), "dependency")) {
                    String scope = text(dependency, "scope");
                    all.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
                    if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
                        runtime.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
                    }
                }
            }

            assertThat(all).as("the pom was read").contains("jakarta.ws.rs:jakarta.ws.rs-api");
            // What a user's application inherits: the Config API at most, never the list's source.
            assertThat(runtime).isSubsetOf("org.eclipse.microprofile.config:microprofile-config-api");
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element child && child.getTagName().equals(tag)) {
                found.add(child);
            }
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }
}
