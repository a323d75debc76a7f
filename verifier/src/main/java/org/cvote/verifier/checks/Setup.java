package org.cvote.verifier.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * Runs {@link V1ParametersCheck}, {@link V3CommitteeCheck} and {@link V2ContextCheck} (in that
 * order: Q takes K), which gather, through a private builder, the values that feed every later
 * check. Produces the values that feed every later proof: the recomputed Q, K and public shares
 * (§13 "Which values feed the proofs").
 */
public final class Setup {
  /**
   * What later checks use, immutable; a value is null (a count −1) when the part it comes from is
   * broken. {@code publicShares} is indexed 1..n (entry 0 unused).
   */
  public record Values(
      String pollId,
      int subjects,
      int n,
      int t,
      Digest q,
      Point jointKey,
      List<Point> publicShares,
      TokenCheck tokens,
      byte[] signingKey,
      byte[] signature,
      org.cvote.crypto.context.EncodingV2 encoding,
      boolean versionKnown) {
    // encoding: ballot version 2's base B (docs/protocol.md §16), null for version 1 or when
    // broken;
    // versionKnown: false when the manifest's ballot version has no reading (V1), so no ballot can
    // be checked
    public Values {
      publicShares =
          publicShares == null ? null : Collections.unmodifiableList(new ArrayList<>(publicShares));
      signingKey = signingKey == null ? null : signingKey.clone();
      signature = signature == null ? null : signature.clone();
    }

    @Override
    public byte[] signingKey() {
      return signingKey == null ? null : signingKey.clone();
    }

    @Override
    public byte[] signature() {
      return signature == null ? null : signature.clone();
    }
  }

  /** The values while V1–V3 gather them. */
  static final class Builder {
    String pollId;
    int subjects = -1;
    int n = -1;
    int t = -1;
    Digest q;
    Point jointKey;
    Point[] publicShares; // 1..n
    TokenCheck tokens;
    byte[] signingKey;
    byte[] signature;
    org.cvote.crypto.context.EncodingV2 encoding;
    boolean versionKnown = true;

    Values build() {
      return new Values(
          pollId,
          subjects,
          n,
          t,
          q,
          jointKey,
          publicShares == null ? null : Arrays.asList(publicShares),
          tokens,
          signingKey,
          signature,
          encoding,
          versionKnown);
    }
  }

  private Setup() {}

  public static Values run(ParsedRecord r, Report rep) {
    Builder v = new Builder();
    V1ParametersCheck.run(r, rep, v);
    V3CommitteeCheck.run(r, rep, v); // before V2: Q takes K and the commitments
    V2ContextCheck.run(r, rep, v);
    return v.build();
  }
}
