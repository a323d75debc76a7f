package org.cvote.committee.ceremony;

/**
 * The ceremony routes a member's tool needs (committee/API.md): the part of the transport that
 * {@link MemberCeremony} drives. It lives here, not in {@code transport}, so the ceremony does not
 * depend on the package that carries it (no package cycle). Refusals arrive as {@link
 * org.cvote.committee.CommitteeException}; an unreachable server as {@link
 * java.io.UncheckedIOException}.
 */
public interface CeremonyChannel {
  /** GET /api/polls/{id}/committee/ceremony */
  CeremonyState ceremony(String pollId);

  /** POST …/ceremony/commit */
  void commit(String pollId, CommitPost p);

  /** POST …/ceremony/reveal */
  void reveal(String pollId, RevealPost p);

  /** POST …/ceremony/shares */
  void shares(String pollId, SharesPost p);

  /** POST …/ceremony/complaints */
  void complain(String pollId, ComplaintPost p);

  /** POST …/ceremony/answers (the accused publishes the disputed share, docs/protocol.md §8.8) */
  void answer(String pollId, AnswerPost p);

  /** POST …/ceremony/confirm */
  void confirm(String pollId, ConfirmPost p);
}
