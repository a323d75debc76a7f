package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.testkit.fixture.ElectionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/protocol.md §13: exit 2 only when the record cannot be read, with a clear message. */
class UnreadableTest {
  @TempDir static Path tmp;
  static Path valid;

  @BeforeAll
  static void build() {
    valid = tmp.resolve("valid");
    ElectionFixture.write(ElectionFixture.Spec.small().withBallots(4), valid);
  }

  private Path copy(String name) {
    Path d = tmp.resolve(name);
    ElectionFixture.copy(valid, d);
    return d;
  }

  private void unreadable(Path p, String expect) {
    RecordTools.Run r = RecordTools.run(p.toString(), "--threads", "2");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(expect), "message should mention '" + expect + "': " + r.err());
  }

  @Test
  void missingFile() throws Exception {
    Path d = copy("missing");
    Files.delete(d.resolve(RecordFiles.DECRYPTION));
    unreadable(d, "has no decryption.json");
  }

  @Test
  void malformedJson() throws Exception {
    Path d = copy("malformed");
    byte[] b = Files.readAllBytes(d.resolve(RecordFiles.TALLY));
    Files.write(d.resolve(RecordFiles.TALLY), Arrays.copyOf(b, b.length - 3));
    unreadable(d, "tally.json is not valid JSON");
  }

  @Test
  void notUtf8() throws Exception {
    Path d = copy("latin1");
    Files.write(
        d.resolve(RecordFiles.MANIFEST),
        Files.readString(d.resolve(RecordFiles.MANIFEST)).getBytes(StandardCharsets.ISO_8859_1));
    unreadable(d, "manifest.json is not UTF-8");
  }

  @Test
  void blankLineInBallots() throws Exception {
    Path d = copy("blank");
    List<String> l = RecordTools.lines(d);
    l.add(2, "");
    RecordTools.writeLines(d, l);
    unreadable(d, "line 3 is blank");
  }

  @Test
  void ballotLineNotAnObject() throws Exception {
    Path d = copy("array");
    List<String> l = RecordTools.lines(d);
    l.set(1, "[" + l.get(1) + "]");
    RecordTools.writeLines(d, l);
    unreadable(d, "line 2 is not a JSON object");
    Path e = copy("two");
    l = RecordTools.lines(e);
    l.set(1, l.get(1) + " {}");
    RecordTools.writeLines(e, l);
    unreadable(e, "line 2 is not one JSON object");
  }

  @Test
  void truncatedZip() throws Exception {
    Path zip = tmp.resolve("r.zip");
    ElectionFixture.zip(valid, zip);
    byte[] z = Files.readAllBytes(zip);
    Path cut = tmp.resolve("cut.zip");
    Files.write(cut, Arrays.copyOf(z, z.length / 2));
    unreadable(cut, "not a readable zip");
  }

  @Test
  void notADirectory() throws Exception {
    Path f = tmp.resolve("notes.txt");
    Files.writeString(f, "hello");
    unreadable(f, "not a directory and not a readable zip");
    unreadable(tmp.resolve("does-not-exist"), "neither a directory nor a zip");
  }

  @Test
  void noFinalNewlineIsFine() throws Exception {
    Path d = copy("nofinal");
    String s = Files.readString(d.resolve(RecordFiles.BALLOTS));
    Files.writeString(d.resolve(RecordFiles.BALLOTS), s.substring(0, s.length() - 1));
    RecordTools.Run r = RecordTools.verifyJson(d);
    // the file's bytes changed, so only the signature fails
    assertEquals(List.of("V11"), r.failed(), r.out());
  }
}
