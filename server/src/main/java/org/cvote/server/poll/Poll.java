package org.cvote.server.poll;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.cvote.crypto.context.EncodingV2;

/**
 * A poll row. {@code contextJson}/{@code q} are set when the ceremony completes. {@code
 * ballotVersion} is the requested ballot version while the poll is a draft (null = automatic, 1 or
 * 2) and the fixed one from the freeze on (docs/protocol.md §16.9; null in polls frozen before
 * version 2 existed, which are version 1); {@code base} is B of a fixed version 2 poll, else null.
 */
public record Poll(
    String id,
    String title,
    String place,
    LocalDate date,
    Visibility visibility,
    PollStatus status,
    Instant endsAt,
    Instant createdAt,
    String contextJson,
    String q,
    Integer ballotVersion,
    Integer base) {

  /** A version 1 (or not yet fixed, automatic) poll. */
  public Poll(
      String id,
      String title,
      String place,
      LocalDate date,
      Visibility visibility,
      PollStatus status,
      Instant endsAt,
      Instant createdAt,
      String contextJson,
      String q) {
    this(id, title, place, date, visibility, status, endsAt, createdAt, contextJson, q, null, null);
  }

  public Poll {
    if (ballotVersion != null && ballotVersion != 1 && ballotVersion != EncodingV2.VERSION) {
      throw new IllegalArgumentException("ballot version must be 1 or 2, got " + ballotVersion);
    }
    if (base != null) {
      if (ballotVersion == null || ballotVersion != EncodingV2.VERSION) {
        throw new IllegalArgumentException("a base B belongs to a version 2 poll only");
      }
      new EncodingV2(base); // range check 2..10001
    }
  }

  /**
   * The version 2 encoding once the manifest is fixed (B known), else empty: version 1, or not yet
   * fixed.
   */
  public Optional<EncodingV2> encoding() {
    return base == null ? Optional.empty() : Optional.of(new EncodingV2(base));
  }

  /** The manifest, and so the ballot version, is fixed from the key ceremony on. */
  public boolean manifestFixed() {
    return status != PollStatus.DRAFT;
  }

  /** Open and not past its end time (the closer may lag by a few seconds; voting must not). */
  public boolean acceptsVotes(Instant now) {
    return gate().acceptsVotes(now);
  }

  public Gate gate() {
    return new Gate(status, endsAt, q);
  }

  /**
   * What decides whether a poll takes a ballot now, and which context (Q) it is bound to: read for
   * every cast.
   */
  public record Gate(PollStatus status, Instant endsAt, String q) {
    public boolean acceptsVotes(Instant now) {
      return status == PollStatus.OPEN && (endsAt == null || now.isBefore(endsAt));
    }
  }
}
