package io.github.jaxrscors.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by chromedriver, for every browser test. Debian's binaries by default;
 * on other systems the system properties {@code chromium.binary} / {@code chromedriver.binary} or
 * the environment variables {@code CHROMIUM_BINARY} / {@code CHROMEDRIVER_BINARY} say where they
 * are (the property wins). A missing binary fails the test with how to install or name it.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(15);

    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The browser: {@code -Dchromium.binary}, else {@code $CHROMIUM_BINARY}, else Debian's. */
    public static Path chromium() {
        return configured("chromium.binary", "CHROMIUM_BINARY", "/usr/bin/chromium");
    }

    /** Its driver: {@code -Dchromedriver.binary}, else {@code $CHROMEDRIVER_BINARY}, else Debian's. */
    public static Path chromedriver() {
        return configured("chromedriver.binary", "CHROMEDRIVER_BINARY", "/usr/bin/chromedriver");
    }

    /**
     * Starts the browser in a fresh profile, with {@code switches} after the ones every test needs
     * (as root Chromium refuses to start without {@code --no-sandbox}; without
     * {@code --disable-background-networking} it keeps reaching for Google's services during the tests).
     */
    public static HeadlessChromium start(String... switches) throws IOException {
        Path chromium = chromium();
        Path chromedriver = chromedriver();
        Path profile = Files.createTempDirectory("jaxrs-cors-chromium");
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile));
        arguments.addAll(List.of(switches));
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            delete(profile);
            throw new AssertionError("Chromium could not start (" + chromium + " driven by " + chromedriver + "): "
                    + e.getMessage(), e);
        }
        driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT).pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Quits the browser and its driver, and deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static Path configured(String property, String variable, String debianDefault) {
        String value = System.getProperty(property, System.getenv().getOrDefault(variable, debianDefault));
        Path binary = Path.of(value);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(binary + " not found: the browser tests need Chromium and chromedriver ("
                    + INSTALL + " on Debian), or their paths in -D" + property + " or " + variable);
        }
        return binary;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the browser profile " + folder, e);
        }
    }
}
