package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Encrypt + prove of a ballot in a real browser, with the booth's own code: headless Chromium,
 * driven over the DevTools protocol ({@link Cdp}), loads {@code /bench.html?cdp} from {@link
 * WebPages} and calls the page's {@code cvoteBench} once per figure: a 5-subject ballot in version
 * 1 and 2, and a 50-subject version 2 ballot (the largest real poll, issue 24) at full speed and
 * with the CPU throttled 4× (a mid-range phone). Null when no Chromium is installed.
 */
final class BrowserRun {
  /** The large ballot's subjects (the 500 × 50 poll's). */
  static final int LARGE_SUBJECTS = 50;

  /** The "mid-range phone": Chromium's CPU throttling rate. */
  static final double PHONE_THROTTLE = 4;

  /** One figure: ms for the first (cold) ballot and over {@code runs} warm ones. */
  record Encrypt(
      int subjects,
      int version,
      double throttle,
      double firstMs,
      double medianMs,
      double minMs,
      double maxMs,
      int runs) {
    static Encrypt of(JsonNode r, double throttle) {
      return new Encrypt(
          r.path("subjects").asInt(),
          r.path("version").asInt(),
          throttle,
          r.path("firstMs").asDouble(),
          r.path("medianMs").asDouble(),
          r.path("minMs").asDouble(),
          r.path("maxMs").asDouble(),
          r.path("runs").asInt());
    }
  }

  /** The four figures and the browser that made them. */
  record Figures(
      Encrypt v1, Encrypt v2, Encrypt largeV2, Encrypt largeV2Throttled, String userAgent) {}

  private BrowserRun() {}

  static Path chromium() {
    for (String c :
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    return null;
  }

  /** The figures, or null (with the reason printed) when they cannot be measured. */
  static Figures run(PrintStream log, boolean quick) {
    Path chromium = chromium();
    if (chromium == null) {
      log.println("browser: no Chromium found (/usr/bin/chromium); browser figures = null");
      return null;
    }
    if (!WebPages.available("/bench.html")) {
      log.println(
          "browser: the built web pages (/web/bench.html) are not on the class path; browser figures = null");
      return null;
    }
    try (WebPages pages = WebPages.start(Map.of());
        Cdp browser = Cdp.launch(chromium)) {
      browser.open(
          pages.base().resolve("/bench.html?cdp"),
          "typeof window.cvoteBench === 'function'",
          Duration.ofMinutes(1));
      String ua = browser.evaluate("navigator.userAgent", Duration.ofSeconds(10)).asText();
      int runs = quick ? 5 : 9;
      Encrypt v1 = measure(browser, 5, 1, runs, 1, log);
      Encrypt v2 = measure(browser, 5, 2, runs, 1, log);
      Encrypt large = measure(browser, LARGE_SUBJECTS, 2, quick ? 3 : 5, 1, log);
      Encrypt phone = measure(browser, LARGE_SUBJECTS, 2, quick ? 3 : 5, PHONE_THROTTLE, log);
      return new Figures(v1, v2, large, phone, ua);
    } catch (Exception e) {
      log.println("browser: " + e.getMessage() + "; browser figures = null");
      return null;
    }
  }

  private static Encrypt measure(
      Cdp browser, int subjects, int version, int runs, double throttle, PrintStream log)
      throws Exception {
    browser.throttle(throttle);
    try {
      JsonNode r =
          browser.evaluate(
              String.format(
                  Locale.ROOT,
                  "window.cvoteBench({subjects: %d, version: %d, runs: %d})",
                  subjects,
                  version,
                  runs),
              Duration.ofMinutes(5));
      Encrypt e = Encrypt.of(r, throttle);
      log.printf(
          Locale.ROOT,
          "browser: %d subjects, version %d%s: median %.1f ms over %d warm runs (first %.1f ms)%n",
          subjects,
          version,
          throttle == 1 ? "" : String.format(Locale.ROOT, ", CPU throttled %.0f×", throttle),
          e.medianMs(),
          e.runs(),
          e.firstMs());
      return e;
    } finally {
      browser.throttle(1);
    }
  }
}
