package io.presencehub.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for all tests of a class, driven through Debian's {@code /usr/bin/chromedriver} (no
 * Selenium Manager download); register it after the {@link WebHub}, so it quits before the hub stops. A
 * screenshot of every test's end goes to {@code target/screenshots/}. Without chromedriver the class is skipped,
 * but under CI ({@code CI=true}: {@code scripts/chromium.sh} installs it) that is a failure.
 */
public final class Browser implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private WebDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!available()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(CHROMEDRIVER + " is missing: scripts/chromium.sh installs it for CI");
            }
            Assumptions.abort(CHROMEDRIVER + " is missing; run scripts/chromium.sh (as root) to include the browser tests");
        }
        driver = headlessChromium();
    }

    /** Whether Debian's chromedriver is installed (scripts/chromium.sh installs it). */
    public static boolean available() {
        return Files.isExecutable(CHROMEDRIVER);
    }

    /** A headless Chromium driven through Debian's chromedriver, nothing downloaded (also the web benchmark's). */
    public static WebDriver headlessChromium() {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        WebDriver chromium = new ChromeDriver(service, options);
        chromium.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return chromium;
    }

    /** Waits until the page's script has loaded its data ({@code <body data-ready="true">}). */
    public static void awaitReady(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(5)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (driver instanceof TakesScreenshot camera) {
            Files.createDirectories(SCREENSHOTS);
            File shot = camera.getScreenshotAs(OutputType.FILE);
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            Files.move(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Logs in through the form as this user; the browser ends on the board. */
    void logIn(int port, String user, String password) {
        driver.get("http://127.0.0.1:" + port + "/login");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("user"))).selectByVisibleText(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        boardReady();
    }

    /** Opens the board (or another page) and waits until its script has loaded the data. */
    void open(int port, String path) {
        driver.get("http://127.0.0.1:" + port + path);
        boardReady();
    }

    private void boardReady() {
        awaitReady(driver); // stale elements are ignored while the login's redirect replaces the page
    }

    /** The row of the board for location/tenant/userId. */
    WebElement row(String user) {
        return driver.findElement(By.cssSelector("tr[data-user='" + user + "']"));
    }

    WebDriverWait waiting(Duration atMost) {
        // a row is replaced whole on every change: an element found just before may be gone
        WebDriverWait wait = new WebDriverWait(driver, atMost, Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
