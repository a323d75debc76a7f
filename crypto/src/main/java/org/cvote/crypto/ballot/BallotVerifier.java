package org.cvote.crypto.ballot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.RangeStatement;

/**
 * Checks a ballot against its poll (docs/protocol.md §7): right poll, one row per subject in
 * manifest order, three options per row, every option proof (0/1) and row proof (sum 0/1) bound to
 * Q, τ and its label. Problems are reported with the JSON path of the offending field. Token
 * validity is checked elsewhere.
 */
public final class BallotVerifier {
  /**
   * What is wrong with a ballot: its kind (so no caller reads the outcome back out of the field
   * name), the JSON path of the offending field, and the message sent back to whoever sent the
   * ballot.
   */
  public record Problem(Kind kind, String field, String message) {
    public Problem {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }

    /** The proof at {@code field} does not verify. */
    public static Problem proofFails(String field) {
      return new Problem(Kind.PROOF, field, "proof does not verify");
    }
  }

  /** The kinds of {@link Problem}. */
  public enum Kind {
    /** The ballot names another poll (on the record: part of V4, the token's binding). */
    POLL,
    /** The ballot does not have the manifest's shape (V1). */
    SHAPE,
    /**
     * A proof has the wrong number of branches (V1 on the record; a proof error to the voter's
     * device).
     */
    PROOF_SHAPE,
    /** A proof does not verify (V5). */
    PROOF;

    /** True when the problem is with a proof, malformed or not verifying. */
    public boolean aboutProof() {
      return this == PROOF_SHAPE || this == PROOF;
    }
  }

  private final Digest context;
  private final Point jointKey;
  private final String pollId;
  private final int subjects;

  private BallotVerifier(Digest context, Point jointKey, String pollId, int subjects) {
    this.context = context;
    this.jointKey = jointKey;
    this.pollId = pollId;
    this.subjects = subjects;
  }

  public static BallotVerifier create(Digest context, Point jointKey, String pollId, int subjects) {
    Objects.requireNonNull(context, "context Q");
    Objects.requireNonNull(jointKey, "joint key");
    Objects.requireNonNull(pollId, "pollId");
    if (subjects < 1) {
      throw new IllegalArgumentException("a poll has at least one subject, got " + subjects);
    }
    if (jointKey.isIdentity()) {
      throw new IllegalArgumentException("joint key must not be the identity");
    }
    return new BallotVerifier(context, jointKey.precomputed(), pollId, subjects);
  }

  public Digest context() {
    return context;
  }

  public Point jointKey() {
    return jointKey;
  }

  /** Shape checks that need no group operation. Empty when the ballot has the manifest's shape. */
  public List<Problem> checkStructure(Ballot b) {
    List<Problem> out = new ArrayList<>();
    if (!pollId.equals(b.poll())) {
      // quoted at most 64 characters: the message goes back to whoever sent the ballot
      String named = b.poll().length() <= 64 ? b.poll() : b.poll().substring(0, 64) + "…";
      out.add(new Problem(Kind.POLL, "poll", "ballot is for poll '" + named + "', not this poll"));
    }
    if (b.rows().size() != subjects) {
      out.add(
          new Problem(
              Kind.SHAPE,
              "rows",
              "ballot has " + b.rows().size() + " rows; the poll has " + subjects + " subjects"));
      return out;
    }
    for (int i = 0; i < subjects; i++) {
      Ballot.Row r = b.rows().get(i);
      if (r.subject() != i + 1) {
        out.add(
            new Problem(
                Kind.SHAPE,
                "rows[" + i + "].subject",
                "row "
                    + (i + 1)
                    + " must be subject "
                    + (i + 1)
                    + " (manifest order), got "
                    + r.subject()));
      }
      if (r.options().size() != Labels.OPTIONS) {
        out.add(
            new Problem(
                Kind.SHAPE,
                "rows[" + i + "].options",
                "a row has exactly 3 options (HIGH, MID, LOW), got " + r.options().size()));
      }
      if (r.rowProof().a().size() != 2) {
        out.add(
            new Problem(
                Kind.PROOF_SHAPE,
                "rows[" + i + "].rowProof",
                "row proof must be for L = 1 (2 branches)"));
      }
      for (int j = 0; j < r.options().size() && j < Labels.OPTIONS; j++) {
        if (r.options().get(j).proof().a().size() != 2) {
          out.add(
              new Problem(
                  Kind.PROOF_SHAPE,
                  "rows[" + i + "].options[" + j + "].proof",
                  "option proof must be for L = 1 (2 branches)"));
        }
      }
    }
    return out;
  }

  /**
   * Adds every proof of a structurally valid ballot to a batch; each item is named {@code prefix +
   * field path} so a failure names the exact proof.
   */
  public void addProofs(Ballot b, Digest tokenHash, BatchVerifier<String> batch, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    addProofs(b, tokenHash, batch, field -> prefix + field);
  }

  /**
   * Adds every proof of a structurally valid ballot to a batch whose items are named by {@code
   * name} from the proof's field path (e.g. {@code rows[2].rowProof}); lets one batch hold the
   * proofs of many ballots and still tell which ballot failed.
   */
  public <T> void addProofs(
      Ballot b,
      Digest tokenHash,
      BatchVerifier<T> batch,
      java.util.function.Function<String, T> name) {
    Objects.requireNonNull(b, "ballot");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(name, "name");
    int rows = b.rows().size();
    // every row's sum first, so that one field inversion normalises them all
    List<PointSum> sums = new ArrayList<>(2 * rows);
    for (Ballot.Row r : b.rows()) {
      PointSum sa = new PointSum();
      PointSum sb = new PointSum();
      for (Ballot.Option o : r.options()) {
        sa.add(o.alpha());
        sb.add(o.beta());
      }
      sums.add(sa);
      sums.add(sb);
    }
    List<Point> sum = PointSum.results(sums);
    for (int i = 0; i < rows; i++) {
      Ballot.Row r = b.rows().get(i);
      int s = i + 1;
      List<Ciphertext> parts = new ArrayList<>(Labels.OPTIONS);
      for (int j = 0; j < Labels.OPTIONS; j++) {
        Ballot.Option o = r.options().get(j);
        Ciphertext ct = new Ciphertext(o.alpha(), o.beta());
        parts.add(ct);
        batch.addRange(
            name.apply("rows[" + i + "].options[" + j + "].proof"),
            RangeStatement.of(context, tokenHash, Labels.option(s, j), jointKey, ct, 1),
            o.proof());
      }
      Point alpha = sum.get(2 * i);
      Point beta = sum.get(2 * i + 1);
      if (alpha.isIdentity() || beta.isIdentity()) {
        // Only a forged ballot sums to the identity; it has no encoding, so no proof can bind it.
        batch.addFailure(name.apply("rows[" + i + "].rowProof"));
        continue;
      }
      batch.addRange(
          name.apply("rows[" + i + "].rowProof"),
          new RangeStatement(
              context, tokenHash, Labels.row(s), jointKey, new Ciphertext(alpha, beta), 1, parts),
          r.rowProof());
    }
  }

  /** Structure and all proofs of one ballot; empty when valid. */
  public List<Problem> verify(Ballot b, SecureRandom rng) {
    List<Problem> problems = checkStructure(b);
    if (!problems.isEmpty()) {
      return problems;
    }
    BatchVerifier<String> batch = new BatchVerifier<>(rng);
    addProofs(b, BallotHashes.tokenHash(b.token().msg()), batch, "");
    for (String f : batch.failures()) {
      problems.add(Problem.proofFails(f));
    }
    return problems;
  }
}
