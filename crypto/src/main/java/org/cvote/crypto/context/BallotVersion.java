package org.cvote.crypto.context;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a manifest's ballot version (docs/protocol.md §16.1) from its JSON ({@code manifest.json},
 * or {@code manifest} of {@code GET /api/polls/{id}}): no {@code ballotVersion} is version 1 (and
 * then no {@code base}); {@code "ballotVersion": 2} with an integer {@code "base"} in 2..10001 is
 * version 2. Anything else — an explicit 1, another number, a string, a base without a version, a
 * missing or out-of-range base — is refused, so one manifest has one reading.
 */
public final class BallotVersion {
  public static final String VERSION_FIELD = "ballotVersion";
  public static final String BASE_FIELD = "base";

  private BallotVersion() {}

  /**
   * The version 2 encoding, or empty for a version 1 manifest; IllegalArgumentException naming the
   * field otherwise.
   */
  public static Optional<EncodingV2> of(JsonNode manifest) {
    Objects.requireNonNull(manifest, "manifest");
    JsonNode v = manifest.get(VERSION_FIELD);
    JsonNode b = manifest.get(BASE_FIELD);
    if (v == null) {
      if (b != null) {
        throw new IllegalArgumentException(
            BASE_FIELD + ": a base without \"" + VERSION_FIELD + "\": 2");
      }
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != EncodingV2.VERSION) {
      throw new IllegalArgumentException(VERSION_FIELD + ": unknown ballot version " + v);
    }
    if (b == null
        || !b.isIntegralNumber()
        || !b.canConvertToInt()
        || b.intValue() < EncodingV2.MIN_BASE
        || b.intValue() > EncodingV2.MAX_BASE) {
      throw new IllegalArgumentException(
          BASE_FIELD
              + ": expected an integer in "
              + EncodingV2.MIN_BASE
              + ".."
              + EncodingV2.MAX_BASE
              + ", got "
              + b);
    }
    return Optional.of(new EncodingV2(b.intValue()));
  }

  /** M of the manifest's version: §3 for version 1, §16.1 for version 2. */
  public static org.cvote.crypto.hash.Digest manifestHash(
      Manifest m, Optional<EncodingV2> encoding) {
    return encoding.map(e -> e.manifestHash(m)).orElseGet(m::hash);
  }
}
