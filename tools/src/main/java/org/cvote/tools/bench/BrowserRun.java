package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encrypt + prove of a 5-subject ballot in a real browser: headless Chromium loads the server's
 * {@code /bench.html}, which times the booth's own code and writes JSON into the page; we read the
 * page with {@code --dump-dom}. Null when no Chromium is installed.
 */
final class BrowserRun {
  private static final Pattern RESULT =
      Pattern.compile("<output id=\"result\">(.*?)</output>", Pattern.DOTALL);

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

  /** Median warm time in ms, or null (with the reason printed) when it cannot be measured. */
  static JsonNode run(URI base, PrintStream log) {
    Path chromium = chromium();
    if (chromium == null) {
      log.println("browser: no Chromium found (/usr/bin/chromium); browserEncryptMs = null");
      return null;
    }
    try {
      Path profile = Files.createTempDirectory("cvote-bench-chromium");
      Process p =
          new ProcessBuilder(
                  chromium.toString(),
                  "--headless=new",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--user-data-dir=" + profile,
                  "--virtual-time-budget=120000",
                  "--dump-dom",
                  base.resolve("/bench.html").toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      Matcher m = RESULT.matcher(new String(out, StandardCharsets.UTF_8));
      if (!m.find()) {
        log.println("browser: the page did not report a result; browserEncryptMs = null");
        return null;
      }
      JsonNode r = Http.JSON.readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
      if (r.has("error")) {
        log.println("browser: " + r.get("error").asText() + "; browserEncryptMs = null");
        return null;
      }
      return r;
    } catch (Exception e) {
      log.println("browser: " + e.getMessage() + "; browserEncryptMs = null");
      return null;
    }
  }
}
