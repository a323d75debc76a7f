package org.cvote.verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cvote.crypto.record.RecordFiles;

/**
 * Record zips that must be refused (exit 2) by the reader's limits: folders, duplicate names, a
 * line or a file longer than its cap, an entry that inflates past the size it declares, a zip bomb.
 * Built from a valid record folder; {@link #main} writes them as the fuzz test's seeds.
 */
final class HostileZips {
  /**
   * What one entry holds: {@code prefix}, then {@code repeat} copies of {@code unit}, then {@code
   * suffix}.
   */
  record Entry(String name, byte[] prefix, byte[] unit, long repeat, byte[] suffix) {
    static Entry of(String name, byte[] bytes) {
      return new Entry(name, bytes, new byte[0], 0, new byte[0]);
    }

    void write(OutputStream out) throws IOException {
      out.write(prefix);
      for (long i = 0; i < repeat; i++) {
        out.write(unit);
      }
      out.write(suffix);
    }
  }

  /** 64 KiB of the letter a. */
  private static byte[] letters() {
    byte[] b = new byte[1 << 16];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  private HostileZips() {}

  static List<Entry> files(Path valid) {
    List<Entry> out = new ArrayList<>();
    for (String f : RecordFiles.ALL) {
      try {
        out.add(Entry.of(f, Files.readAllBytes(valid.resolve(f))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static byte[] zip(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      for (Entry e : entries) {
        z.putNextEntry(new ZipEntry(e.name()));
        e.write(z);
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<Entry> replace(Path valid, Entry with) {
    List<Entry> out = new ArrayList<>(files(valid));
    out.replaceAll(e -> e.name().equals(with.name()) ? with : e);
    return out;
  }

  /** {@code tally.json} and {@code x/tally.json} side by side. */
  static byte[] folder(Path valid) {
    List<Entry> e = files(valid);
    e.add(
        0, Entry.of("x/" + RecordFiles.TALLY, "{\"other\":true}".getBytes(StandardCharsets.UTF_8)));
    return zip(e);
  }

  /**
   * Two entries named exactly {@code tally.json}: the second is written as {@code tally.jsoX}, then
   * renamed in place.
   */
  static byte[] duplicate(Path valid) {
    List<Entry> e = files(valid);
    e.add(Entry.of("tally.jsoX", "{\"other\":true}".getBytes(StandardCharsets.UTF_8)));
    byte[] z = zip(e);
    byte[] from = "tally.jsoX".getBytes(StandardCharsets.US_ASCII);
    byte[] to = RecordFiles.TALLY.getBytes(StandardCharsets.US_ASCII);
    int found = 0;
    for (int i = 0; i + from.length <= z.length; i++) {
      if (Arrays.equals(z, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, z, i, to.length);
        found++;
      }
    }
    if (found != 2) {
      throw new IllegalStateException(
          "expected the name in the local and the central header, found " + found);
    }
    return z;
  }

  /**
   * {@code Tally.json} next to {@code tally.json}: the same file once extracted on a
   * case-insensitive disk.
   */
  static byte[] caseDuplicate(Path valid) {
    List<Entry> e = files(valid);
    e.add(Entry.of("Tally.json", "{\"other\":true}".getBytes(StandardCharsets.UTF_8)));
    return zip(e);
  }

  /**
   * ballots.ndjson: the valid lines, then one line of {@code bytes} letters (the 2.5 GiB
   * line, smaller).
   */
  static byte[] longLine(Path valid, long bytes) {
    try {
      byte[] lines = Files.readAllBytes(valid.resolve(RecordFiles.BALLOTS));
      return zip(
          replace(
              valid,
              new Entry(
                  RecordFiles.BALLOTS,
                  lines,
                  letters(),
                  bytes >> 16,
                  "\n".getBytes(StandardCharsets.US_ASCII))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * tally.json of {@code bytes} bytes (valid JSON: a long string), over the 16 MiB cap of a small
   * file.
   */
  static byte[] bigSmallFile(Path valid, long bytes) {
    return zip(
        replace(
            valid,
            new Entry(
                RecordFiles.TALLY,
                "{\"x\":\"".getBytes(StandardCharsets.US_ASCII),
                letters(),
                bytes >> 16,
                "\"}".getBytes(StandardCharsets.US_ASCII))));
  }

  /**
   * Many ballot lines, each a JSON object under the line cap ({@code {"poll":"aaa…"}}): only the
   * zip-wide ratio stops it. {@code lines} × 1 MiB uncompressed, about 1 KB each compressed.
   */
  static byte[] ratioBomb(Path valid, int lines) {
    byte[] line = new byte[1 << 20];
    Arrays.fill(line, (byte) 'a');
    byte[] head = "{\"poll\":\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, line, 0, head.length);
    line[line.length - 3] = '"';
    line[line.length - 2] = '}';
    line[line.length - 1] = '\n';
    return zip(
        replace(valid, new Entry(RecordFiles.BALLOTS, new byte[0], line, lines, new byte[0])));
  }

  /**
   * A valid record whose tally.json entry declares fewer bytes (central directory) than it inflates
   * to.
   */
  static byte[] lyingSize(Path valid) {
    byte[] z = zip(files(valid));
    byte[] name = RecordFiles.TALLY.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 46 < z.length; i++) {
      if (b.getInt(i) == 0x02014b50
          && b.getShort(i + 28) == name.length
          && Arrays.equals(z, i + 46, i + 46 + name.length, name, 0, name.length)) {
        b.putInt(i + 24, 10); // uncompressed size
        return z;
      }
    }
    throw new IllegalStateException("no central header for " + RecordFiles.TALLY);
  }

  /**
   * Writes the seeds of {@code RecordZipFuzzTest#wholeZip}: {@code HostileZips WORK_DIR OUT_DIR}
   * (the fuzz test's own fixture, a small poll with two ballots, is written to WORK_DIR first).
   */
  public static void main(String[] args) throws IOException {
    Path valid = Path.of(args[0]);
    org.cvote.testkit.fixture.ElectionFixture.write(
        org.cvote.testkit.fixture.ElectionFixture.Spec.small().withBallots(2), valid);
    Path out = Files.createDirectories(Path.of(args[1]));
    Files.write(out.resolve("valid.zip"), zip(files(valid)));
    Files.write(out.resolve("folder-entry.zip"), folder(valid));
    Files.write(out.resolve("duplicate-name.zip"), duplicate(valid));
    Files.write(out.resolve("case-duplicate.zip"), caseDuplicate(valid));
    Files.write(out.resolve("long-line-24MiB.zip"), longLine(valid, 24L << 20));
    Files.write(out.resolve("big-tally-20MiB.zip"), bigSmallFile(valid, 20L << 20));
    Files.write(out.resolve("ratio-bomb-40MiB.zip"), ratioBomb(valid, 40));
    Files.write(out.resolve("lying-size.zip"), lyingSize(valid));
  }
}
