package org.cvote.crypto.ballot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.RowStatementV2;

/**
 * Checks a version 2 ballot against its poll (docs/protocol.md §16.2–§16.3): right poll, one row
 * per subject in manifest order, every row proof (one of {0, 1, B, B²}) bound to Q, τ, its label
 * and the manifest's B. Problems name the JSON path of the offending field. Token validity is
 * checked elsewhere, as in version 1.
 */
public final class BallotV2Verifier {
  private final Digest context;
  private final Point jointKey;
  private final String pollId;
  private final int subjects;
  private final EncodingV2 encoding;

  private BallotV2Verifier(
      Digest context, Point jointKey, String pollId, int subjects, EncodingV2 encoding) {
    this.context = context;
    this.jointKey = jointKey;
    this.pollId = pollId;
    this.subjects = subjects;
    this.encoding = encoding;
  }

  /** {@code encoding} is the manifest's B (never a value taken from the ballot). */
  public static BallotV2Verifier create(
      Digest context, Point jointKey, String pollId, int subjects, EncodingV2 encoding) {
    Objects.requireNonNull(context, "context Q");
    Objects.requireNonNull(jointKey, "joint key");
    Objects.requireNonNull(pollId, "pollId");
    Objects.requireNonNull(encoding, "encoding (B)");
    if (subjects < 1) {
      throw new IllegalArgumentException("a poll has at least one subject, got " + subjects);
    }
    if (jointKey.isIdentity()) {
      throw new IllegalArgumentException("joint key must not be the identity");
    }
    return new BallotV2Verifier(context, jointKey.precomputed(), pollId, subjects, encoding);
  }

  public Digest context() {
    return context;
  }

  public EncodingV2 encoding() {
    return encoding;
  }

  /**
   * Shape checks that need no group operation (proof sizes are enforced when a row proof is
   * decoded).
   */
  public List<BallotVerifier.Problem> checkStructure(BallotV2 b) {
    List<BallotVerifier.Problem> out = new ArrayList<>();
    if (!pollId.equals(b.poll())) {
      String named = b.poll().length() <= 64 ? b.poll() : b.poll().substring(0, 64) + "…";
      out.add(
          new BallotVerifier.Problem(
              BallotVerifier.Kind.POLL,
              "poll",
              "ballot is for poll '" + named + "', not this poll"));
    }
    if (b.rows().size() != subjects) {
      out.add(
          new BallotVerifier.Problem(
              BallotVerifier.Kind.SHAPE,
              "rows",
              "ballot has " + b.rows().size() + " rows; the poll has " + subjects + " subjects"));
      return out;
    }
    for (int i = 0; i < subjects; i++) {
      int subject = b.rows().get(i).subject();
      if (subject != i + 1) {
        out.add(
            new BallotVerifier.Problem(
                BallotVerifier.Kind.SHAPE,
                "rows[" + i + "].subject",
                "row "
                    + (i + 1)
                    + " must be subject "
                    + (i + 1)
                    + " (manifest order), got "
                    + subject));
      }
    }
    return out;
  }

  /**
   * Adds every row proof of a structurally valid ballot to a batch, each named {@code
   * name("rows[i].proof")}.
   */
  public <T> void addProofs(
      BallotV2 b, Digest tokenHash, BatchVerifier<T> batch, Function<String, T> name) {
    Objects.requireNonNull(b, "ballot");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(name, "name");
    for (int i = 0; i < b.rows().size(); i++) {
      BallotV2.Row r = b.rows().get(i);
      // the label comes from the row's position, not its subject field: a relabelled row fails its
      // proof
      RowStatementV2 st =
          new RowStatementV2(
              context,
              tokenHash,
              BallotV2.label(i + 1),
              encoding,
              jointKey,
              new Ciphertext(r.alpha(), r.beta()));
      batch.addRowV2(name.apply("rows[" + i + "].proof"), st, r.proof());
    }
  }

  /** Structure and every row proof of one ballot; empty when valid. */
  public List<BallotVerifier.Problem> verify(BallotV2 b, SecureRandom rng) {
    List<BallotVerifier.Problem> problems = checkStructure(b);
    if (!problems.isEmpty()) {
      return problems;
    }
    BatchVerifier<String> batch = new BatchVerifier<>(rng);
    addProofs(b, BallotHashes.tokenHash(b.token().msg()), batch, Function.identity());
    for (String f : batch.failures()) {
      problems.add(BallotVerifier.Problem.proofFails(f));
    }
    return problems;
  }
}
