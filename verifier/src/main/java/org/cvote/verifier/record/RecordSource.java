package org.cvote.verifier.record;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cvote.crypto.record.RecordFiles;

/**
 * A record as a directory or a zip of the same files (docs/protocol.md §10), read within {@link
 * RecordLimits}: a zip's entries are its files at the top level, each name once; no file is read
 * past its cap, and a zip yields at most {@link RecordLimits#MAX_RATIO} times its own size, so a
 * zip bomb is refused (exit 2) after a bounded read.
 */
public abstract class RecordSource implements AutoCloseable {
  /**
   * Opens a record; not a directory nor a readable zip, a missing file or a limit passed →
   * unreadable (exit 2).
   */
  public static RecordSource open(Path path) throws UnreadableRecordException {
    if (Files.isDirectory(path)) {
      RecordSource s = new Dir(path);
      s.requireAll();
      return s;
    }
    if (!Files.isRegularFile(path)) {
      throw new UnreadableRecordException(path + " is neither a directory nor a zip file");
    }
    ZipFile z;
    try {
      z = new ZipFile(path.toFile());
    } catch (IOException e) {
      throw new UnreadableRecordException(
          path + " is not a directory and not a readable zip file (" + e.getMessage() + ")", e);
    }
    try {
      RecordSource s = new Zip(path, z);
      s.requireAll();
      return s;
    } catch (UnreadableRecordException | RuntimeException e) {
      try {
        z.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw e;
    }
  }

  /**
   * The most this source reads of {@code name}: ballots.ndjson is streamed, every other file is
   * held whole.
   */
  static long cap(String name, boolean zipped) {
    if (name.equals(RecordFiles.BALLOTS)) {
      return zipped ? RecordLimits.MAX_ZIPPED_BALLOTS : Long.MAX_VALUE;
    }
    return RecordLimits.MAX_SMALL_FILE;
  }

  public abstract String describe();

  public abstract boolean exists(String name);

  public abstract InputStream open(String name) throws IOException;

  /** Size in bytes, or −1 when unknown. */
  public abstract long size(String name);

  public byte[] read(String name) throws UnreadableRecordException {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (LimitException e) {
      throw new UnreadableRecordException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UnreadableRecordException(
          "cannot read " + name + " from " + describe() + ": " + e.getMessage(), e);
    }
  }

  public void requireAll() throws UnreadableRecordException {
    for (String f : RecordFiles.ALL) {
      if (!exists(f)) {
        throw new UnreadableRecordException("the record " + describe() + " has no " + f);
      }
      long size = size(f);
      long cap = cap(f, this instanceof Zip);
      if (size > cap) {
        throw new UnreadableRecordException(
            f
                + " is "
                + size
                + " bytes, over the reader's limit of "
                + RecordLimits.mib(cap)
                + " (docs/protocol.md, record reader limits)");
      }
    }
  }

  @Override
  public void close() throws IOException {}

  /**
   * A record-reader limit was passed: the record is unreadable (exit 2), the message says which.
   */
  static final class LimitException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitException(String message) {
      super(message);
    }
  }

  /**
   * Counts what is read: past {@code cap} bytes, past the size the zip declared for the entry, or
   * past the zip's shared budget, it stops with a {@link LimitException}. Counting happens as bytes
   * arrive, so the check costs nothing and nothing beyond the limit is ever inflated into memory.
   */
  static final class Capped extends FilterInputStream {
    private final String name;
    private final long cap;
    private final long declared;
    private final AtomicLong budget; // null: no shared budget (a directory)
    private final long budgetTotal;
    private long read;

    Capped(
        InputStream in, String name, long cap, long declared, AtomicLong budget, long budgetTotal) {
      super(in);
      this.name = name;
      this.cap = cap;
      this.declared = declared;
      this.budget = budget;
      this.budgetTotal = budgetTotal;
    }

    private void count(long n) throws LimitException {
      if (n <= 0) {
        return;
      }
      read += n;
      if (read > cap) {
        throw new LimitException(
            name
                + " is longer than the reader's limit of "
                + RecordLimits.mib(cap)
                + " (docs/protocol.md, record reader limits)");
      }
      if (declared >= 0 && read > declared) {
        throw new LimitException(
            name
                + " inflates past the "
                + declared
                + " bytes its zip entry declares:"
                + " a damaged zip or a zip bomb");
      }
      if (budget != null && budget.addAndGet(n) > 0) {
        throw new LimitException(
            "the zip inflates to more than "
                + RecordLimits.MAX_RATIO
                + " times its size"
                + " (more than "
                + budgetTotal
                + " bytes, reached in "
                + name
                + "): a zip bomb, not a record");
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count(s);
      return s;
    }
  }

  static final class Dir extends RecordSource {
    private final Path dir;

    Dir(Path dir) {
      this.dir = dir;
    }

    public String describe() {
      return dir.toString();
    }

    public boolean exists(String name) {
      return Files.isRegularFile(dir.resolve(name));
    }

    public InputStream open(String name) throws IOException {
      return new Capped(
          new BufferedInputStream(Files.newInputStream(dir.resolve(name)), 1 << 16),
          name,
          cap(name, false),
          -1,
          null,
          0);
    }

    public long size(String name) {
      try {
        return Files.size(dir.resolve(name));
      } catch (IOException e) {
        return -1;
      }
    }
  }

  static final class Zip extends RecordSource {
    private final Path path;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries = new HashMap<>();
    private final AtomicLong budget;
    private final long budgetTotal;

    /**
     * Refuses folders, duplicate names (also differing only in case) and more than a few entries.
     */
    Zip(Path path, ZipFile zip) throws UnreadableRecordException {
      this.path = path;
      this.zip = zip;
      long onDisk;
      try {
        onDisk = Files.size(path);
      } catch (IOException e) {
        throw new UnreadableRecordException("cannot read " + path + ": " + e.getMessage(), e);
      }
      budgetTotal = RecordLimits.RATIO_FLOOR + RecordLimits.MAX_RATIO * onDisk;
      budget = new AtomicLong(-budgetTotal); // counts up from −total: above 0 means over
      Map<String, String> seen = new HashMap<>();
      int count = 0;
      for (var it = zip.entries(); it.hasMoreElements(); ) {
        ZipEntry e = it.nextElement();
        if (++count > RecordLimits.MAX_ENTRIES) {
          throw new UnreadableRecordException(
              path
                  + " has more than "
                  + RecordLimits.MAX_ENTRIES
                  + " entries: a record zip holds its ten files");
        }
        String n = e.getName();
        if (e.isDirectory() || n.indexOf('/') >= 0 || n.indexOf('\\') >= 0) {
          throw new UnreadableRecordException(
              path
                  + ": the entry '"
                  + n
                  + "' is a folder or inside one;"
                  + " a record zip holds its files at the top level, with no folders");
        }
        String prev = seen.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
        if (prev != null) {
          throw new UnreadableRecordException(
              path
                  + ": two entries are named '"
                  + n
                  + "'"
                  + (prev.equals(n) ? "" : " and '" + prev + "'")
                  + "; each file may appear once");
        }
        entries.put(n, e);
      }
    }

    public String describe() {
      return path.toString();
    }

    public boolean exists(String name) {
      return entries.containsKey(name);
    }

    public InputStream open(String name) throws IOException {
      ZipEntry e = entries.get(name);
      if (e == null) {
        throw new IOException("no " + name + " in the zip");
      }
      return new BufferedInputStream(
          new Capped(
              zip.getInputStream(e), name, cap(name, true), e.getSize(), budget, budgetTotal),
          1 << 16);
    }

    public long size(String name) {
      ZipEntry e = entries.get(name);
      return e == null ? -1 : e.getSize();
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
