package org.cvote.crypto.record;

import java.util.List;

/** The file names of a published record (docs/protocol.md §10). */
public final class RecordFiles {
  public static final String MANIFEST = "manifest.json";
  public static final String CONTEXT = "context.json";
  public static final String COMMITTEE = "committee.json";
  public static final String TOKEN_KEY = "token-key.json";
  public static final String BALLOTS = "ballots.ndjson";
  public static final String AGGREGATE = "aggregate.json";
  public static final String DECRYPTION = "decryption.json";
  public static final String TALLY = "tally.json";
  public static final String SIGNING_KEY = "signing-key.json";
  public static final String SIGNATURE = "record.sig";

  /** The eight files whose SHA-256 hashes record.sig covers, in this order. */
  public static final List<String> SIGNED =
      List.of(MANIFEST, CONTEXT, COMMITTEE, TOKEN_KEY, BALLOTS, AGGREGATE, DECRYPTION, TALLY);

  /** Every file of a record: the eight signed ones, signing-key.json, record.sig. */
  public static final List<String> ALL =
      List.of(
          MANIFEST,
          CONTEXT,
          COMMITTEE,
          TOKEN_KEY,
          BALLOTS,
          AGGREGATE,
          DECRYPTION,
          TALLY,
          SIGNING_KEY,
          SIGNATURE);

  private RecordFiles() {}
}
