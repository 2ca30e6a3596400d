package dev.kehu.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the console's browser tests: Debian's {@code chromium} driven by Debian's
 * {@code chromium-driver}, both named explicitly so that Selenium Manager never downloads anything. A fresh profile
 * per browser, downloads into a directory of the test's, the browser's console log kept for reading.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getProperty("kehu.browser", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("kehu.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /**
     * Skips the calling test class (a JUnit assumption) when {@code -Dkehu.browser-tests=skip} or when Chromium or
     * its driver is not installed, saying which and how to install them.
     */
    static void assumeAvailable() {
        Assumptions.assumeFalse("skip".equalsIgnoreCase(System.getProperty("kehu.browser-tests", "")),
                "browser tests skipped by -Dkehu.browser-tests=skip");
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "browser tests skipped: " + BROWSER + " or " + DRIVER + " is missing "
                        + "(apt-get update && apt-get install -y chromium chromium-driver; or -Dkehu.browser-tests=skip)");
    }

    /** A headless browser whose navigator.language is {@code language} (e.g. zh-CN). */
    static ChromeDriver start(Path profile, Path downloads, String language) throws IOException {
        Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=" + language,
                "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of(
                "intl.accept_languages", language,
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("LANGUAGE", language.replace('-', '_')))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** The browser console's entries at level SEVERE since the last read (reading empties the log). */
    static List<String> errors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .toList();
    }
}
