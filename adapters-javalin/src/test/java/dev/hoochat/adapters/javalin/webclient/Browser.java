package dev.hoochat.adapters.javalin.webclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * One headless Debian Chromium, driven through its chromedriver, for the web client's tests. It
 * runs with a fresh profile, no network beyond loopback, and records the page's console. Without
 * chromium the test fails with the command that installs it; it never skips.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static final Dimension DESKTOP = new Dimension(1280, 860);
  static final Dimension PHONE = new Dimension(390, 780);

  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> console = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser open(Dimension size) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "The web client's tests drive a real Chromium, and "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing. Install them with: sudo apt-get install -y chromium"
              + " chromium-driver (bin/test does this when they are missing).");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("hoochat-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--user-data-dir=" + profile,
        "--window-size=" + size.width + "," + size.height,
        "--lang=en-GB");
    if (size.width < 500) {
      // Desktop Chromium keeps windows at least 500 px wide; a phone's screen is emulated.
      options.setExperimentalOption(
          "mobileEmulation",
          Map.of(
              "deviceMetrics",
              Map.of("width", size.width, "height", size.height, "pixelRatio", 1.0, "touch", true),
              "userAgent",
              "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko)"
                  + " Chrome/156.0 Mobile Safari/537.36"));
    }
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(PATIENCE);
    return new Browser(driver, profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  void get(String url) {
    driver.get(url);
  }

  void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Polls until the condition holds (true, or a value other than null and false). The patience is a
   * ceiling for a stuck page, not a speed the test asserts.
   */
  <T> T await(String what, Function<WebDriver, T> condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        T value = condition.apply(driver);
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (WebDriverException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "waited " + PATIENCE.toSeconds() + " s for " + what + "; console: " + console(), last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  void awaitVisible(String css) {
    await(css + " visible", d -> d.findElement(By.cssSelector(css)).isDisplayed());
  }

  void awaitText(String css, String text) {
    await(
        css + " containing \"" + text + "\"",
        d -> d.findElement(By.cssSelector(css)).getText().contains(text));
  }

  void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  void click(String css) {
    find(css).click();
  }

  /**
   * The text of every message shown, in the page's order. An item replaced while it is read (a
   * message unsent or hidden meanwhile) is read again.
   */
  List<String> messageBodies() {
    for (int attempt = 1; ; attempt++) {
      try {
        return all("#messages .msg .body").stream().map(WebElement::getText).toList();
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  void awaitMessages(List<String> bodies) {
    await(
        "the messages " + bodies + " (shown: " + messageBodies() + ")",
        d -> messageBodies().equals(bodies));
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /**
   * Saves what the browser shows, in {@code target/screenshots} — or, with {@code
   * -Dhoochat.screenshots=docs}, over the README's pictures in {@code docs/images}, so that an
   * ordinary test run leaves the work tree as it found it.
   */
  void screenshot(String name) {
    Path images =
        "docs".equals(System.getProperty("hoochat.screenshots"))
            ? repositoryRoot().resolve("docs/images")
            : Path.of("target", "screenshots");
    try {
      Files.createDirectories(images);
      Files.write(images.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the console received since the last call (errors, warnings, logs). */
  List<String> console() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(entry.getLevel() + " " + entry.getMessage());
    }
    return List.copyOf(console);
  }

  /** Console errors of the page's own making: exceptions and refusals by its CSP. */
  List<String> scriptErrors() {
    return console().stream()
        .filter(line -> line.startsWith(Level.SEVERE.toString()) || line.contains("Refused"))
        .filter(line -> !line.contains("Failed to load resource"))
        .filter(line -> !line.contains("WebSocket connection to"))
        .toList();
  }

  void assertNoConsoleErrors() {
    assertThat(console())
        .as("the browser console")
        .noneSatisfy(line -> assertThat(line).startsWith(Level.SEVERE.toString()))
        .noneSatisfy(line -> assertThat(line).contains("Refused"));
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/API.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the HooChat repository");
    }
    return dir;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
