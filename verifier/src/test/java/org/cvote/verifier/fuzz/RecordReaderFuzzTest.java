package org.cvote.verifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.verifier.Main;
import org.junit.jupiter.api.BeforeAll;

/**
 * The auditor's verifier over a record that the fuzzer damaged: one of the ten files replaced,
 * spliced, cut or deleted (record folder), or the bytes of the record's zip changed. Every run must
 * end with exit 1 (a check failed) or 2 (the record could not be read) — never an internal error
 * (exit 3), never an exception out of {@link Main#run}, never a hang (libFuzzer's {@code
 * -timeout}). Exit 0 is allowed only when what the verifier reads is unchanged in meaning: the same
 * bytes, or a file that no signature covers ({@code signing-key.json}, bound through Q by its keys;
 * {@code record.sig}'s optional final newline).
 */
class RecordReaderFuzzTest {
  private static Path root;
  private static Path valid;
  private static final Map<String, byte[]> ORIGINAL = new HashMap<>();
  private static byte[] zip;
  private static int run;

  @BeforeAll
  static void build() throws IOException {
    root = Files.createTempDirectory("cvote-record-fuzz");
    valid = root.resolve("valid");
    ElectionFixture.write(ElectionFixture.Spec.small().withBallots(2), valid);
    for (String f : RecordFiles.ALL) {
      ORIGINAL.put(f, Files.readAllBytes(valid.resolve(f)));
    }
    Path z = root.resolve("valid.zip");
    ElectionFixture.zip(valid, z);
    zip = Files.readAllBytes(z);
  }

  @FuzzTest(maxDuration = "3s")
  void mutatedRecord(FuzzedDataProvider data) throws IOException {
    int mode = data.consumeInt(0, 4);
    Path target;
    boolean sameMeaningPossible;
    if (mode == 4) {
      byte[] z = splice(zip, data);
      target = root.resolve("r" + (run++ % 4) + ".zip");
      Files.write(target, z);
      sameMeaningPossible = zipReadsAsOriginal(target);
    } else {
      String file = data.pickValue(RecordFiles.ALL);
      byte[] orig = ORIGINAL.get(file);
      target = root.resolve("d" + (run++ % 4));
      ElectionFixture.copy(valid, target);
      byte[] changed =
          switch (mode) {
            case 0 -> data.consumeRemainingAsBytes(); // the file replaced by anything
            case 1 -> splice(orig, data); // a few bytes changed, cut or inserted
            case 2 -> Arrays.copyOf(orig, data.consumeInt(0, orig.length)); // truncated
            default -> null; // deleted
          };
      if (changed == null) {
        Files.delete(target.resolve(file));
      } else {
        Files.write(target.resolve(file), changed);
      }
      sameMeaningPossible =
          changed != null
              && (Arrays.equals(changed, orig)
                  || file.equals(RecordFiles.SIGNING_KEY)
                  || file.equals(RecordFiles.SIGNATURE));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            new String[] {target.toString(), "--threads", "1", "--no-progress"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String why = "mode " + mode + ", exit " + exit + "\n" + err.toString(StandardCharsets.UTF_8);
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("internal error"), why);
    assertTrue(exit == 1 || exit == 2 || (exit == 0 && sameMeaningPossible), why);
  }

  /** Replaces {@code len} bytes at {@code at} by up to 16 fuzzer bytes. */
  private static byte[] splice(byte[] b, FuzzedDataProvider data) {
    int at = data.consumeInt(0, b.length);
    int len = data.consumeInt(0, Math.min(16, b.length - at));
    byte[] ins = data.consumeBytes(16);
    byte[] out = new byte[b.length - len + ins.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(ins, 0, out, at, ins.length);
    System.arraycopy(b, at + len, out, at + ins.length, b.length - at - len);
    return out;
  }

  /**
   * True when the changed zip still opens and every record file in it reads as the original bytes.
   */
  private static boolean zipReadsAsOriginal(Path z) {
    try (ZipFile f = new ZipFile(z.toFile())) {
      Map<String, ZipEntry> byName = new HashMap<>();
      f.stream()
          .filter(e -> !e.isDirectory())
          .forEach(
              e -> byName.putIfAbsent(e.getName().substring(e.getName().lastIndexOf('/') + 1), e));
      for (String name : RecordFiles.ALL) {
        ZipEntry e = byName.get(name);
        if (e == null) {
          return false;
        }
        if (!Arrays.equals(ORIGINAL.get(name), f.getInputStream(e).readAllBytes())) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
