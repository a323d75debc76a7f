package org.cvote.server.poll;

import java.time.Instant;
import java.time.LocalDate;

/** A poll row. {@code contextJson}/{@code q} are set when the ceremony completes. */
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
    String q) {

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
