package se.foubot.web;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own ChromeDriver, one per test class. Nothing is downloaded: when
 * Chromium is missing the test fails and says how to install it (CI installs it in .ci/run), rather than pass
 * without having looked at a page.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getenv().getOrDefault("FOUBOT_TEST_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("FOUBOT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    final Path downloads;
    /** Chromium's profile and downloads, a throwaway directory of this browser's own: removed when it closes. */
    private final Path profile;

    private Browser(ChromeDriver driver, Path downloads, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new AssertionError("The staff-web browser tests need Chromium and its driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "). Install them with: sudo apt-get install chromium chromium-driver (.ci/run does this), or point "
                    + "FOUBOT_TEST_CHROMIUM and FOUBOT_TEST_CHROMEDRIVER at them.");
        }
        Path profile = Files.createTempDirectory("foubot-chromium-");
        // inside the profile: each browser's own (two test classes may run at once, in two test JVMs), gone with it
        Path downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // the flags that work on this kind of machine: no sandbox as root, and nothing that phones home
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--lang=sv-SE", "--window-size=1280,1000");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60)).pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, downloads, profile);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Errors the page wrote to the console since the last call (script errors, refused resources, CSP reports). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /**
     * The accessibility problems axe-core finds on the page (WCAG 2.0/2.1 A and AA rules) that it rates serious or
     * critical, each as "rule: help (elements)".
     */
    List<String> seriousAccessibilityProblems() {
        script(axeSource());
        Object result = asyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ': ' + v.help + ' (' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join('; ') + ')')))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return ((List<?>) result).stream().map(String::valueOf).toList();
    }

    /** The whole page, not just the window, as a PNG under target/screenshots. */
    Path screenshot(String name) throws IOException {
        return screenshot(name, (Long) script("return Math.ceil(document.documentElement.scrollHeight)"));
    }

    /** The top {@code height} pixels of the page, as a PNG under target/screenshots. */
    Path screenshot(String name, long height) throws IOException {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height + 140, 800), 8000)));
        Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
        return file;
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test class path (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        // each run's profile (a few megabytes) would otherwise stay in the machine's temporary directory
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left for the machine's own clean-up
        }
    }
}
