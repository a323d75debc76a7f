package org.cvote.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The browser figures exist and are sane when Chromium is installed (never timed-asserted): each of
 * the four runs reports the size and version it was asked for, the throttled run says so, and the
 * times are positive and ordered (min ≤ median ≤ max).
 */
class BrowserRunTest {
  @Test
  void headlessChromiumReportsTheFourFiguresItWasAskedFor() {
    assumeTrue(BrowserRun.chromium() != null, "no Chromium on this machine");
    assumeTrue(WebPages.available("/bench.html"), "the built web pages are not on the class path");
    BrowserRun.Figures f =
        BrowserRun.run(new PrintStream(System.out, true, StandardCharsets.UTF_8), true);
    assertNotNull(f, "the browser run failed (its reason is printed above)");
    check(f.v1(), 5, 1, 1);
    check(f.v2(), 5, 2, 1);
    check(f.largeV2(), BrowserRun.LARGE_SUBJECTS, 2, 1);
    check(f.largeV2Throttled(), BrowserRun.LARGE_SUBJECTS, 2, BrowserRun.PHONE_THROTTLE);
    assertTrue(f.userAgent().contains("Chrome"), f.userAgent());
  }

  private static void check(BrowserRun.Encrypt e, int subjects, int version, double throttle) {
    assertEquals(subjects, e.subjects());
    assertEquals(version, e.version());
    assertEquals(throttle, e.throttle());
    assertTrue(e.runs() >= 1);
    assertTrue(e.firstMs() > 0 && e.minMs() > 0, e.toString());
    assertTrue(e.minMs() <= e.medianMs() && e.medianMs() <= e.maxMs(), e.toString());
  }
}
