package org.cvote.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The second, independent verifier of docs/protocol.md (src/test/python/crosscheck_record.py: its
 * own hashing, P-256 arithmetic and proof checks, all of V1–V11) run on a record, and its tamper
 * suite (crosscheck_tamper.py). It needs python3 with the {@code cryptography} package, which
 * bin/test installs (bin/lib/test-deps.sh).
 */
final class SecondVerifier {
  private static final Path DIR = Path.of("src/test/python");

  private SecondVerifier() {}

  /** Asserts that the independent verifier accepts the record (exit 0, every check PASS). */
  static void accepts(Path record) throws Exception {
    String text = run("crosscheck_record.py", record);
    assertTrue(text.contains("cross-check OK"), text);
  }

  /** Asserts that every single change of the tamper suite is caught by its own check id. */
  static void catchesEveryChange(Path record) throws Exception {
    String text = run("crosscheck_tamper.py", record);
    assertTrue(text.contains("tamper suite OK"), text);
  }

  /**
   * Asserts that the independent verifier agrees with the ballot version 2 test vectors that the
   * Java core and the browser library read (crosscheck_vectors_v2.py).
   */
  static void agreesWithVectorsV2(Path vectors) throws Exception {
    String text = run("crosscheck_vectors_v2.py", vectors);
    assertTrue(text.contains("vectors v2 OK"), text);
  }

  /** Runs a script on the record (or vectors file); it must exit 0. */
  private static String run(String script, Path record) throws Exception {
    String python = python();
    assertTrue(
        python != null,
        "python3 with the 'cryptography' package is needed for the independent verifier; "
            + "bin/test installs it (bin/lib/test-deps.sh)");
    Process p =
        new ProcessBuilder(python, DIR.resolve(script).toString(), record.toString())
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), text);
    assertEquals(0, p.exitValue(), script + ":\n" + text);
    return text;
  }

  /**
   * The first python3 that has {@code cryptography}: the one on the PATH, else Debian's (where
   * test-deps.sh installs it).
   */
  private static String python() throws InterruptedException {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p =
            new ProcessBuilder(List.of(python, "-c", "import cryptography"))
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return python;
        }
      } catch (IOException e) {
        // not there: try the next
      }
    }
    return null;
  }
}
