package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: a real browser for the tests that are
 * about what a person sees. Each browser gets a fresh profile.
 */
public final class Chromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * A new headless browser; {@code userAgent} and {@code acceptLanguage} may be {@code null} for
     * Chromium's own. Aborts the test (skipped) where Chromium is not installed.
     */
    public static WebDriver start(String userAgent, String acceptLanguage) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed here: apt-get install chromium chromium-driver (.ci/run does)");
        Path profile;
        try {
            profile = Files.createTempDirectory("kc-wechat-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking switches Chromium keeps dialling Google's hosts on this closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--window-size=1200,900", "--user-data-dir=" + profile);
        if (userAgent != null) {
            options.addArguments("--user-agent=" + userAgent);
        }
        if (acceptLanguage != null) {
            options.addArguments("--lang=" + acceptLanguage.split(",")[0]);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    public static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /**
     * Waits until {@code by} is visible. On a timeout the failure says what the person was looking at instead (URL,
     * title, text, and a screenshot), so that it can be understood from the report alone.
     */
    public static WebElement visible(WebDriver driver, By by) {
        try {
            return waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (TimeoutException e) {
            Path shot = screenshot(driver, "timeout-" + by.toString().replaceAll("[^A-Za-z0-9-]", "_"));
            throw new AssertionError("No " + by + " within the wait; the browser shows " + driver.getCurrentUrl() + " ("
                    + driver.getTitle() + ", screenshot " + shot + "):\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Saves a screenshot as {@code target/screenshots/NAME.png} and returns its path. */
    public static Path screenshot(WebDriver driver, String name) {
        Path target = Path.of(System.getProperty("project.build.directory", "target"), "screenshots", name + ".png");
        try {
            Files.createDirectories(target.getParent());
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Closes every browser, even when a test failed half-way. */
    public static void quitAll(List<WebDriver> drivers) {
        for (WebDriver driver : drivers) {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // the browser is gone already
            }
        }
        drivers.clear();
    }
}
