package org.cvote.verifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cvote.verifier.Main;
import org.junit.jupiter.api.BeforeAll;

/**
 * The auditor's verifier over any bytes given as a record zip (a class of its own: libFuzzer fuzzes
 * one target per JVM). The seeds are the reader's hostile zips (docs/protocol.md §13.1); every run
 * must end with exit 1 or 2 within seconds — never an internal error (exit 3), never an exception
 * out of {@link Main#run}, never an OutOfMemoryError.
 */
class RecordZipFuzzTest {
  private static Path root;
  private static int run;

  @BeforeAll
  static void dir() throws IOException {
    root = Files.createTempDirectory("cvote-zip-fuzz");
  }

  /**
   * Any bytes as the record's zip. Seeds (RecordZipFuzzTestInputs/wholeZip, written by the test
   * class {@code org.cvote.verifier.HostileZips}): a valid zip, a folder entry, a name twice (also
   * in another case), a 24 MiB ballot line, a 20 MiB tally.json, a ratio bomb of 40 one-MiB lines,
   * an entry larger than it declares. Each must end in exit 1 or 2 quickly; exit 0 (a genuine
   * record: the seed's valid zip, or a change no check sees) only when every entry is a top-level
   * file whose name appears once.
   */
  @FuzzTest(maxDuration = "3s")
  void wholeZip(byte[] data) throws IOException {
    Path target = root.resolve("w" + (run++ % 4) + ".zip");
    Files.write(target, data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int exit =
        Main.run(
            new String[] {target.toString(), "--threads", "1", "--no-progress"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    double secs = (System.nanoTime() - t0) / 1e9;
    String why = "exit " + exit + " after " + secs + " s\n" + err.toString(StandardCharsets.UTF_8);
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("internal error"), why);
    assertTrue(exit == 1 || exit == 2 || (exit == 0 && flatAndUnique(target)), why);
    assertTrue(secs < 20, why);
  }

  /** True when the zip opens and holds only top-level files, each name once (ignoring case). */
  private static boolean flatAndUnique(Path z) {
    try (ZipFile f = new ZipFile(z.toFile())) {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (ZipEntry e : java.util.Collections.list(f.entries())) {
        String n = e.getName();
        if (e.isDirectory()
            || n.contains("/")
            || n.contains("\\")
            || !names.add(n.toLowerCase(java.util.Locale.ROOT))) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
