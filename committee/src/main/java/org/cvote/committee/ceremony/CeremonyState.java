package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.cvote.committee.CommitteeJson;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * The whole public state of a poll's ceremony: what {@code GET …/ceremony} returns and what a
 * {@link CeremonyStore} persists (as this JSON). Everything in it is public: the server relays
 * share ciphertexts it cannot read. Mutated only inside this package ({@link CeremonyCoordinator});
 * its fields are package-private and serialized by field, so the JSON is what it was.
 */
@JsonPropertyOrder({
  "pollId",
  "version",
  "attempt",
  "phase",
  "t",
  "n",
  "ceremonyId",
  "members",
  "commits",
  "reveals",
  "shares",
  "complaints",
  "answers",
  "confirmations",
  "transcript",
  "jointKey",
  "publicShares",
  "failure",
  "history",
  "registrations"
})
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE,
    setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CeremonyState {
  String pollId;

  /** Incremented on every change (optimistic concurrency for stores that want it). */
  long version;

  /** 1 for the first attempt; a restart without accused members increments it. */
  int attempt;

  Phase phase = Phase.REGISTRATION;
  int t;
  int n;
  Digest ceremonyId;
  List<Member> members = new ArrayList<>();
  List<CommitPost> commits = new ArrayList<>();
  List<RevealPost> reveals = new ArrayList<>();
  List<EncryptedShare> shares = new ArrayList<>();
  List<ComplaintPost> complaints = new ArrayList<>();

  /** Answers of the accused to complaints: the disputed share in clear (§8.8). */
  List<AnswerPost> answers = new ArrayList<>();

  List<ConfirmPost> confirmations = new ArrayList<>();

  /** The coordinator's own transcript hash, once all shares are in. */
  Digest transcript;

  Point jointKey;
  List<Point> publicShares;
  Failure failure;

  /** Failures of earlier attempts (audit trail). */
  List<Failure> history = new ArrayList<>();

  /** Everyone who joined, approved or not. */
  List<Registration> registrations = new ArrayList<>();

  public CeremonyState() {}

  public CeremonyState(String pollId) {
    this.pollId = pollId;
  }

  // Read-only views for the transport, the server and the tools; CeremonyCoordinator (this package)
  // writes.

  public String pollId() {
    return pollId;
  }

  public long version() {
    return version;
  }

  public int attempt() {
    return attempt;
  }

  public Phase phase() {
    return phase;
  }

  public int t() {
    return t;
  }

  public int n() {
    return n;
  }

  public Digest ceremonyId() {
    return ceremonyId;
  }

  public List<Member> members() {
    return members == null ? null : Collections.unmodifiableList(members);
  }

  public List<CommitPost> commits() {
    return commits == null ? null : Collections.unmodifiableList(commits);
  }

  public List<RevealPost> reveals() {
    return reveals == null ? null : Collections.unmodifiableList(reveals);
  }

  public List<EncryptedShare> shares() {
    return shares == null ? null : Collections.unmodifiableList(shares);
  }

  public List<ComplaintPost> complaints() {
    return complaints == null ? null : Collections.unmodifiableList(complaints);
  }

  public List<AnswerPost> answers() {
    return answers == null ? null : Collections.unmodifiableList(answers);
  }

  public List<ConfirmPost> confirmations() {
    return confirmations == null ? null : Collections.unmodifiableList(confirmations);
  }

  public Digest transcript() {
    return transcript;
  }

  public Point jointKey() {
    return jointKey;
  }

  public List<Point> publicShares() {
    return publicShares == null ? null : Collections.unmodifiableList(publicShares);
  }

  public Failure failure() {
    return failure;
  }

  public List<Failure> history() {
    return history == null ? null : Collections.unmodifiableList(history);
  }

  public List<Registration> registrations() {
    return registrations == null ? null : Collections.unmodifiableList(registrations);
  }

  public Optional<Member> member(int index) {
    return index >= 1 && index <= members.size()
        ? Optional.of(members.get(index - 1))
        : Optional.empty();
  }

  public Optional<Member> memberByKey(byte[] signingPublicKey) {
    return members.stream()
        .filter(m -> java.util.Arrays.equals(m.signingPublicKey(), signingPublicKey))
        .findFirst();
  }

  public Optional<CommitPost> commit(int member) {
    return commits.stream().filter(c -> c.member() == member).findFirst();
  }

  public Optional<RevealPost> reveal(int member) {
    return reveals.stream().filter(c -> c.member() == member).findFirst();
  }

  public Optional<EncryptedShare> share(int from, int to) {
    return shares.stream().filter(s -> s.from() == from && s.to() == to).findFirst();
  }

  public boolean hasShares(int from) {
    return shares.stream().anyMatch(s -> s.from() == from);
  }

  public Optional<AnswerPost> answer(int accused, int complainant) {
    return answers.stream()
        .filter(a -> a.member() == accused && a.complainant() == complainant)
        .findFirst();
  }

  /** Complaints whose accused has not answered yet. */
  public List<ComplaintPost> unanswered() {
    return complaints.stream().filter(c -> answer(c.accused(), c.member()).isEmpty()).toList();
  }

  public Optional<ConfirmPost> confirmation(int member) {
    return confirmations.stream().filter(c -> c.member() == member).findFirst();
  }

  /** Commitments of all members in index order (only once every reveal is in). */
  public List<List<Point>> allCommitments() {
    List<List<Point>> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      int idx = i;
      out.add(
          reveal(i)
              .orElseThrow(() -> new IllegalStateException("member " + idx + " has not revealed"))
              .commitments());
    }
    return out;
  }

  public List<Digest> allCommitHashes() {
    List<Digest> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      int idx = i;
      out.add(
          commit(i)
              .orElseThrow(() -> new IllegalStateException("member " + idx + " has not committed"))
              .commitHash());
    }
    return out;
  }

  public String toJson() {
    try {
      return CommitteeJson.mapper().writeValueAsString(this);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static CeremonyState fromJson(String json) {
    try {
      return CommitteeJson.mapper().readValue(json, CeremonyState.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a ceremony state: " + e.getOriginalMessage(), e);
    }
  }

  /** A deep copy (through JSON). */
  public CeremonyState copy() {
    return fromJson(toJson());
  }
}
