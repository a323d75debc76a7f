package org.cvote.crypto.fuzz;

import java.nio.charset.StandardCharsets;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;

/**
 * The fixed poll the ballot fuzz target checks against: its seeds are valid ballots of exactly this
 * context.
 */
final class FuzzContext {
  static final String POLL = "p-fuzz0000001";
  static final int SUBJECTS = 2;
  static final Digest Q = Digest.sha256("cvote fuzz context Q".getBytes(StandardCharsets.UTF_8));
  static final Point K = Point.baseMul(Scalar.of(0x5eed_f00dL));

  private FuzzContext() {}

  static BallotVerifier verifier() {
    return BallotVerifier.create(Q, K, POLL, SUBJECTS);
  }
}
