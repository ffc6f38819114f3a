package io.github.jaxrscors.it.field;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by chromedriver: Debian's by default, others through the system
 * properties {@code chromium.binary} / {@code chromedriver.binary} or the environment variables
 * {@code CHROMIUM_BINARY} / {@code CHROMEDRIVER_BINARY}.
 */
final class Chromium {

    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(15);

    private Chromium() {
    }

    /**
     * Accepts any certificate, since the proxy's is made by the test; everything else about TLS
     * and CORS is the browser's own.
     */
    static ChromeDriver start(ChildProcesses rig) throws IOException {
        Path chromium = configured("chromium.binary", "CHROMIUM_BINARY", "/usr/bin/chromium");
        Path chromedriver = configured("chromedriver.binary", "CHROMEDRIVER_BINARY", "/usr/bin/chromedriver");
        Path profile = Files.createDirectories(rig.directory().resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--ignore-certificate-errors", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            throw new AssertionError("Chromium could not start (" + chromium + " driven by " + chromedriver + "): "
                    + e.getMessage(), e);
        }
        rig.register("chromium", driver, driver::quit, () -> "");
        driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT).pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static Path configured(String property, String variable, String debianDefault) {
        String value = System.getProperty(property, System.getenv().getOrDefault(variable, debianDefault));
        Path binary = Path.of(value);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(binary + " not found: the browser tests need Chromium and chromedriver "
                    + "(apt-get install -y chromium chromium-driver), or their paths in -D" + property
                    + " / " + variable);
        }
        return binary;
    }
}
