package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cvote.committee.CommitteeJson;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * The whole public state of a poll's ceremony: what {@code GET …/ceremony} returns and what a
 * {@link CeremonyStore} persists (as this JSON). Everything in it is public: the server relays
 * share ciphertexts it cannot read. Mutated only by {@link CeremonyCoordinator}.
 */
@JsonPropertyOrder({"pollId", "version", "attempt", "phase", "t", "n", "ceremonyId", "members", "commits", "reveals",
        "shares", "complaints", "answers", "confirmations", "transcript", "jointKey", "publicShares", "failure", "history", "registrations"})
public final class CeremonyState {
    public String pollId;
    /** Incremented on every change (optimistic concurrency for stores that want it). */
    public long version;
    /** 1 for the first attempt; a restart without accused members increments it. */
    public int attempt;
    public Phase phase = Phase.REGISTRATION;
    public int t;
    public int n;
    public Digest ceremonyId;
    public List<Member> members = new ArrayList<>();
    public List<CommitPost> commits = new ArrayList<>();
    public List<RevealPost> reveals = new ArrayList<>();
    public List<EncryptedShare> shares = new ArrayList<>();
    public List<ComplaintPost> complaints = new ArrayList<>();
    /** Answers of the accused to complaints: the disputed share in clear (§8.8). */
    public List<AnswerPost> answers = new ArrayList<>();
    public List<ConfirmPost> confirmations = new ArrayList<>();
    /** The coordinator's own transcript hash, once all shares are in. */
    public Digest transcript;
    public Point jointKey;
    public List<Point> publicShares;
    public Failure failure;
    /** Failures of earlier attempts (audit trail). */
    public List<Failure> history = new ArrayList<>();
    /** Everyone who joined, approved or not. */
    public List<Registration> registrations = new ArrayList<>();

    public CeremonyState() {}

    public CeremonyState(String pollId) {
        this.pollId = pollId;
    }

    public Optional<Member> member(int index) {
        return index >= 1 && index <= members.size() ? Optional.of(members.get(index - 1)) : Optional.empty();
    }

    public Optional<Member> memberByKey(byte[] signingPublicKey) {
        return members.stream().filter(m -> java.util.Arrays.equals(m.signingPublicKey(), signingPublicKey)).findFirst();
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
        return answers.stream().filter(a -> a.member() == accused && a.complainant() == complainant).findFirst();
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
            out.add(reveal(i).orElseThrow(() -> new IllegalStateException("member " + idx + " has not revealed")).commitments());
        }
        return out;
    }

    public List<Digest> allCommitHashes() {
        List<Digest> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int idx = i;
            out.add(commit(i).orElseThrow(() -> new IllegalStateException("member " + idx + " has not committed")).commitHash());
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
