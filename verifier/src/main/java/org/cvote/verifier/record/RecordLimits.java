package org.cvote.verifier.record;

/**
 * What the verifier agrees to read (docs/protocol.md §13.1); past any of these the record is
 * unreadable (exit 2), so a hostile record or zip bomb cannot exhaust memory or run for ever. Sized
 * from the largest real poll, 500 voters × 50 subjects: one ballot line ≈ 200 KB (≈ 4 KB per
 * subject), ballots.ndjson ≈ 100 MB, every other file well under 1 MB.
 */
public final class RecordLimits {
  /**
   * One ballots.ndjson line: 8 MiB, 40× a 50-subject ballot, and above every line the server can
   * produce (it accepts no ballot body over 4 MiB). A line is held whole in memory, so this also
   * bounds the reader's buffer.
   */
  public static final int MAX_LINE = 8 << 20;

  /** Each file other than ballots.ndjson (read whole into memory): 16 MiB. */
  public static final long MAX_SMALL_FILE = 16L << 20;

  /**
   * ballots.ndjson inside a zip: 4 GiB uncompressed, 40× the largest real poll (verify bigger
   * records unzipped).
   */
  public static final long MAX_ZIPPED_BALLOTS = 4L << 30;

  /**
   * Everything read out of a zip together: at most this many times the zip's size on disk, plus
   * {@link #RATIO_FLOOR}. A record is mostly hex and deflates about 2:1; a zip bomb deflates up to
   * 1000:1.
   */
  public static final int MAX_RATIO = 10;

  /**
   * The allowance every zip gets before {@link #MAX_RATIO} counts (small records compress a little
   * better).
   */
  public static final long RATIO_FLOOR = 16L << 20;

  /** Entries in a zip: the ten record files and a few more (extra top-level files are ignored). */
  public static final int MAX_ENTRIES = 64;

  private RecordLimits() {}

  public static String mib(long bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
