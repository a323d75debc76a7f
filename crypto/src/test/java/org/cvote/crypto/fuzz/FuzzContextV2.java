package org.cvote.crypto.fuzz;

import java.nio.charset.StandardCharsets;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;

/**
 * The fixed version 2 poll of {@link BallotV2DecoderFuzzTest}: its seeds are ballots of exactly
 * this context and B.
 */
final class FuzzContextV2 {
  static final String POLL = "p-fuzz0000002";
  static final int SUBJECTS = 2;
  static final Digest Q =
      Digest.sha256("cvote fuzz context Q, ballot version 2".getBytes(StandardCharsets.UTF_8));
  static final Point K = Point.baseMul(Scalar.of(0x5eed_f00dL));
  static final EncodingV2 ENCODING = new EncodingV2(41);

  private FuzzContextV2() {}

  static BallotV2Verifier verifier() {
    return BallotV2Verifier.create(Q, K, POLL, SUBJECTS, ENCODING);
  }
}
