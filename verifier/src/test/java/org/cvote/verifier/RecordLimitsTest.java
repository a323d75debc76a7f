package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.verifier.record.RecordLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record reader's limits (docs/protocol.md §13.1, {@link RecordLimits}): a zip with folders or
 * a name twice, a line or a file over its cap, an entry that inflates past its declared size, a zip
 * bomb — each exits 2 with a message naming the problem, within seconds, without exhausting the
 * heap.
 */
class RecordLimitsTest {
  @TempDir static Path tmp;
  static Path valid;

  @BeforeAll
  static void build() {
    valid = tmp.resolve("valid");
    ElectionFixture.write(ElectionFixture.Spec.small().withBallots(3), valid);
  }

  private static Path write(String name, byte[] zip) throws IOException {
    return Files.write(tmp.resolve(name), zip);
  }

  /** Exit 2 naming the problem, in under {@code seconds}. */
  private static void refused(Path p, String expect, int seconds) {
    long t0 = System.nanoTime();
    RecordTools.Run r = RecordTools.run(p.toString(), "--threads", "2", "--no-progress");
    double secs = (System.nanoTime() - t0) / 1e9;
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(expect), "message should mention '" + expect + "': " + r.err());
    assertTrue(secs < seconds, "took " + secs + " s");
  }

  @Test
  void theHostileZipsAreBuiltRightAndAValidZipStillPasses() throws Exception {
    // control: the same builder's honest zip verifies, so each refusal below is the limit's doing
    Path ok = write("valid.zip", HostileZips.zip(HostileZips.files(valid)));
    RecordTools.Run r = RecordTools.run(ok.toString(), "--threads", "2", "--no-progress");
    assertEquals(0, r.exit(), r.out() + r.err());
    // and the duplicate zip really holds two entries of the one name
    try (ZipFile z = new ZipFile(write("dup-check.zip", HostileZips.duplicate(valid)).toFile())) {
      assertEquals(2, z.stream().filter(e -> e.getName().equals(RecordFiles.TALLY)).count());
    }
  }

  @Test
  void aFolderEntryIsRefused() throws Exception {
    // today's bug: x/tally.json and tally.json side by side, one of them read, exit 0
    refused(
        write("folder.zip", HostileZips.folder(valid)),
        "'x/tally.json' is a folder or inside one",
        10);
  }

  @Test
  void aNameTwiceIsRefused() throws Exception {
    refused(
        write("dup.zip", HostileZips.duplicate(valid)), "two entries are named 'tally.json'", 10);
    refused(
        write("case.zip", HostileZips.caseDuplicate(valid)),
        "two entries are named 'Tally.json' and 'tally.json'",
        10);
  }

  @Test
  void aBallotLineOverTheCapIsRefusedWithoutHoldingIt() throws Exception {
    // the record: one huge line in ballots.ndjson (2.5 GiB there; 128 MiB here, 128 KB
    // zipped)
    Path z = write("long-line.zip", HostileZips.longLine(valid, 128L << 20));
    assertTrue(Files.size(z) < 1 << 20);
    refused(z, "ballots.ndjson line 4 is longer than 8 MiB", 10);
  }

  @Test
  void aLongLineInAFolderRecordIsRefusedToo() throws Exception {
    Path d = tmp.resolve("long-line-dir");
    ElectionFixture.copy(valid, d);
    try (OutputStream out =
        Files.newOutputStream(
            d.resolve(RecordFiles.BALLOTS), java.nio.file.StandardOpenOption.APPEND)) {
      byte[] chunk = new byte[1 << 16];
      java.util.Arrays.fill(chunk, (byte) 'a');
      for (int i = 0; i < 160; i++) {
        out.write(chunk); // 10 MiB, no newline
      }
    }
    refused(d, "ballots.ndjson line 4 is longer than 8 MiB", 10);
  }

  @Test
  void aSmallFileOverItsCapIsRefused() throws Exception {
    // the size the zip declares is over the cap: refused before anything is inflated
    refused(
        write("big-tally.zip", HostileZips.bigSmallFile(valid, 64L << 20)),
        "tally.json is 67108872 bytes, over the reader's limit of 16 MiB",
        10);
    Path d = tmp.resolve("big-tally-dir");
    ElectionFixture.copy(valid, d);
    Files.write(d.resolve(RecordFiles.TALLY), new byte[(16 << 20) + 1]);
    refused(d, "tally.json is 16777217 bytes, over the reader's limit of 16 MiB", 10);
  }

  @Test
  void anEntryThatInflatesPastItsDeclaredSizeIsRefused() throws Exception {
    refused(
        write("lying.zip", HostileZips.lyingSize(valid)),
        "tally.json inflates past the 10 bytes its zip entry declares",
        10);
  }

  @Test
  void aZipBombOfShortLinesStopsAtTenTimesItsSize() throws Exception {
    // 100 lines of 1 MiB, each a JSON object under the line cap (each alone a V1 failure): 100 MiB
    // from ≈ 100 KB
    Path z = write("bomb.zip", HostileZips.ratioBomb(valid, 100));
    assertTrue(Files.size(z) < 2 << 20, "zip of " + Files.size(z));
    refused(z, "the zip inflates to more than 10 times its size", 20);
  }

  @Test
  void aRealRecordDeflatesFarBelowTheRatioCap() throws Exception {
    // the cap's margin, measured: a 50-subject record (the largest real poll's ballot) zips at
    // about 2:1
    Path d = tmp.resolve("fifty");
    ElectionFixture.write(ElectionFixture.Spec.small().withSubjects(50).withBallots(2), d);
    Path z = tmp.resolve("fifty.zip");
    ElectionFixture.zip(d, z);
    long inflated = 0;
    long longest = 0;
    try (ZipFile f = new ZipFile(z.toFile())) {
      for (ZipEntry e : java.util.Collections.list(f.entries())) {
        inflated += e.getSize();
      }
    }
    for (String line : Files.readAllLines(d.resolve(RecordFiles.BALLOTS))) {
      longest = Math.max(longest, line.length());
    }
    double ratio = (double) inflated / Files.size(z);
    System.out.printf(
        "[record limits] 50 subjects: longest ballot line %,d bytes; zip ratio %.2f%n",
        longest, ratio);
    assertTrue(ratio < 3, "ratio " + ratio);
    assertTrue(
        longest * 20 < RecordLimits.MAX_LINE, "a 50-subject ballot line is " + longest + " bytes");
    RecordTools.Run r = RecordTools.run(z.toString(), "--threads", "2", "--no-progress");
    assertEquals(0, r.exit(), r.out() + r.err());
  }
}
