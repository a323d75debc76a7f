package org.cvote.server.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helidon.webserver.WebServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real server on a random port (the whole app: API, pages, security headers) and Debian's
 * headless Chromium driven through its chromedriver; nothing is downloaded. Without {@code
 * /usr/bin/chromium} the tests are skipped with a message (bin/lib/test-deps.sh installs it).
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("cvote.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final TestApp app;
  final WebServer server;
  final String base;
  final Api api;
  final String admin;
  final ChromeDriver driver;
  private final Path profile;

  /** Every console line read so far. */
  final List<String> seen = new java.util.ArrayList<>();

  /** Skips the calling test class (JUnit assumption) when the browser is not installed. */
  static void assumeInstalled() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " are needed (apt-get install chromium chromium-driver; bin/lib/test-deps.sh does it)");
  }

  Browser() {
    assumeInstalled();
    this.app = TestApp.create();
    WebServer s = null;
    ChromeDriver d = null;
    Path p = null;
    try {
      s = WebServer.builder().host("localhost").port(0).routing(app.app::routing).build().start();
      // WebCrypto (blind RSA) needs a secure context: localhost counts as one.
      this.base = "http://localhost:" + s.port();
      this.api = new Api(URI.create(base));
      this.admin = api.login("admin", app.adminPassword);
      p = Files.createTempDirectory("cvote-chromium");
      System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
      ChromeOptions o = new ChromeOptions();
      o.setBinary(CHROMIUM.toFile());
      o.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1280,1000",
          "--lang=vi",
          "--user-data-dir=" + p);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      o.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      d = new ChromeDriver(service, o);
      d.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    } catch (RuntimeException | IOException e) {
      if (d != null) {
        d.quit();
      }
      if (s != null) {
        s.stop();
      }
      app.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
    this.server = s;
    this.driver = d;
    this.profile = p;
  }

  void open(String path) {
    driver.get(base + path);
  }

  /** Forgets everything the pages stored (a different voter on a fresh device). */
  void freshDevice() {
    open("/index.html");
    js("localStorage.clear(); sessionStorage.clear();");
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object jsAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  WebElement visible(String id) {
    return waitFor(Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  WebElement clickable(String id) {
    return waitFor(Duration.ofSeconds(30))
        .until(ExpectedConditions.elementToBeClickable(By.id(id)));
  }

  WebDriverWait waitFor(Duration d) {
    return new WebDriverWait(driver, d, Duration.ofMillis(50));
  }

  /** Waits until the element with this id shows this text (substring). */
  void waitText(String id, String text) {
    waitFor(Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
  }

  WebDriver.Window window() {
    return driver.manage().window();
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path to = SCREENSHOTS.resolve(name + ".png");
      Files.copy(f.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The page's console messages since the last call (CSP violations and script errors show here).
   */
  List<String> consoleLog() {
    try {
      List<String> out =
          driver.manage().logs().get(LogType.BROWSER).getAll().stream()
              .map(e -> e.getLevel() + " " + e.getMessage())
              .toList();
      seen.addAll(out);
      return out;
    } catch (RuntimeException e) {
      return List.of("(no browser log: " + e + ")");
    }
  }

  /** On a failed test: a screenshot, the page's message box, the console log. */
  final TestWatcher watcher =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          try {
            Path shot = screenshot("FAILED-" + context.getRequiredTestMethod().getName());
            System.out.println(
                "[cvote browser] FAILED "
                    + context.getDisplayName()
                    + " at "
                    + driver.getCurrentUrl()
                    + "; screenshot "
                    + shot
                    + "; message: "
                    + js(
                        "const m = document.getElementById('msg');"
                            + " return m ? m.textContent : null;")
                    + "\nconsole:\n  "
                    + String.join("\n  ", consoleLog()));
          } catch (RuntimeException e) {
            System.out.println("[cvote browser] could not record the failure: " + e);
          }
        }
      };

  /** Fails on any CSP violation or uncaught script error seen in the page's console so far. */
  void assertCleanConsole() {
    consoleLog();
    List<String> bad =
        seen.stream()
            .filter(l -> l.contains("Content Security Policy") || l.contains("Uncaught"))
            .toList();
    if (!bad.isEmpty()) {
      throw new AssertionError("console problems:\n" + String.join("\n", bad));
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      server.stop();
      app.close();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder
      }
    }
  }
}
