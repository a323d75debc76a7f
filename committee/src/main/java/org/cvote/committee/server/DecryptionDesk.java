package org.cvote.committee.server;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.decrypt.NotEnoughSharesException;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.PartialRejection;
import org.cvote.committee.decrypt.TallyCombiner;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.AggregateFileV2;

/**
 * The server's decryption desk: accepts a member's partial decryption only if it verifies
 * (signature, all labels, every DLEQ proof against the member's public share and the server's own
 * aggregate), answering 4xx otherwise; combines once ≥ t valid ones are in. The aggregate is
 * computed once per poll.
 */
public final class DecryptionDesk {
  private final CeremonyCoordinator ceremonies;
  private final TallySource source;
  private final PartialStore partials;
  private final SecureRandom rng = new SecureRandom();
  private final Map<String, AggregateFile> aggregates = new ConcurrentHashMap<>();
  private final Map<String, AggregateFileV2> aggregatesV2 = new ConcurrentHashMap<>();

  public DecryptionDesk(CeremonyCoordinator ceremonies, TallySource source, PartialStore partials) {
    this.ceremonies = Objects.requireNonNull(ceremonies);
    this.source = Objects.requireNonNull(source);
    this.partials = Objects.requireNonNull(partials);
  }

  /**
   * The aggregate of the closed ballot version 1 poll's board (aggregate.json); a version 2 poll
   * has {@link #aggregateV2}.
   */
  public AggregateFile aggregate(String pollId) {
    return aggregates.computeIfAbsent(
        pollId,
        k -> {
          TallyInput in = source.tallyInput(k);
          return AggregateFile.of(in.board(), in.manifest().subjects().size());
        });
  }

  /**
   * The aggregate of the closed ballot version 2 poll's board: one ciphertext per subject
   * (docs/protocol.md §16.6).
   */
  public AggregateFileV2 aggregateV2(String pollId) {
    return aggregatesV2.computeIfAbsent(
        pollId,
        k -> {
          TallyInput in = source.tallyInput(k);
          return AggregateFileV2.of(in.boardV2(), in.manifest().subjects().size());
        });
  }

  /** The number of ballots of the closed board's aggregate (either ballot version). */
  public long count(String pollId) {
    return source.tallyInput(pollId).isV2()
        ? aggregateV2(pollId).count()
        : aggregate(pollId).count();
  }

  /**
   * {@code POST …/committee/decryption}: 400 with the reason if the partial decryption does not
   * verify, or signs a board other than the closing statement's (N, T_N).
   */
  public void submit(String pollId, PartialDecryption p) {
    CeremonyResult committee = ceremonies.result(pollId);
    TallyInput in = source.tallyInput(pollId);
    Digest head = head(pollId, in);
    PartialRejection problem =
        in.isV2()
            ? TallyCombiner.rejection(
                in.context().q(), head, committee, aggregateV2(pollId), p, rng)
            : TallyCombiner.rejection(in.context().q(), head, committee, aggregate(pollId), p, rng);
    if (problem != null) {
      throw new CommitteeException(
          problem.reason().forbidden()
              ? CommitteeException.Kind.FORBIDDEN
              : CommitteeException.Kind.BAD_REQUEST,
          "bad_decryption",
          "partial decryption of member " + p.member() + " rejected: " + problem.message());
    }
    partials.put(pollId, p);
  }

  /** How many valid partial decryptions are in, and the threshold. */
  public int[] progress(String pollId) {
    return new int[] {partials.load(pollId).size(), ceremonies.result(pollId).t()};
  }

  /**
   * Combines the valid partial decryptions; {@link NotEnoughSharesException} with fewer than t, a
   * {@link org.cvote.committee.decrypt.TallyRefusedException} when they combine to no honest count.
   */
  public TallyResult tally(String pollId) throws NotEnoughSharesException {
    TallyInput in = source.tallyInput(pollId);
    if (in.isV2()) {
      return TallyCombiner.combine(
          in.context().q(),
          head(pollId, in),
          ceremonies.result(pollId),
          in.encoding(),
          aggregateV2(pollId),
          partials.load(pollId),
          rng);
    }
    return TallyCombiner.combine(
        in.context().q(),
        head(pollId, in),
        ceremonies.result(pollId),
        aggregate(pollId),
        partials.load(pollId),
        rng);
  }

  /** T_N of the closing statement: without one, nothing is accepted (409). */
  private static Digest head(String pollId, TallyInput in) {
    if (in.closing() == null) {
      throw new CommitteeException(
          CommitteeException.Kind.CONFLICT,
          "no_closing",
          "poll "
              + pollId
              + " has no closing statement: partial decryptions are accepted only for a closed, signed board");
    }
    return in.closing().head();
  }
}
