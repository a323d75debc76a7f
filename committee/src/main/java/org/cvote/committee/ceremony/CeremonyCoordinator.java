package org.cvote.committee.ceremony;

import static org.cvote.committee.CommitteeException.Kind.BAD_REQUEST;
import static org.cvote.committee.CommitteeException.Kind.CONFLICT;
import static org.cvote.committee.CommitteeException.Kind.FORBIDDEN;
import static org.cvote.committee.CommitteeException.Kind.NOT_FOUND;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.identity.PublicKeys;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.threshold.Feldman;

/**
 * The server's side of the key ceremony (docs/protocol.md §8), as pure logic over a {@link
 * CeremonyStore}. It accepts only posts signed by an approved member's Ed25519 key, enforces the
 * step order (no reveal before all n commitments), checks reveals against their step-0 hashes and
 * Schnorr proofs, relays share ciphertexts it cannot read, records complaints and the accused's
 * answers (docs/protocol.md §8.8: an answer that fails the check, or none in time, fails the
 * attempt naming the accused; the secretariat restarts without them), admits registrations only
 * under an unused invitation (§8.6), computes K and the public shares, and fixes the key only when
 * all n confirmations carry the coordinator's own transcript hash.
 *
 * <p>Every method throws {@link CommitteeException} with an HTTP status for a refused request.
 * Re-posting an identical message is accepted (idempotent), so a member that crashed may resend.
 */
public final class CeremonyCoordinator {
  private static final int MAX_CIPHERTEXT = 1024;
  private static final int MAX_MEMBERS = 100;
  private final CeremonyStore store;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
  private final SecureRandom rng = new SecureRandom();

  public CeremonyCoordinator(CeremonyStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  // ---- reads ----

  /** The public ceremony state ({@code GET /api/polls/{id}/committee/ceremony}). */
  public CeremonyState view(String pollId) {
    return store
        .load(pollId)
        .orElseThrow(
            () ->
                new CommitteeException(
                    NOT_FOUND, "no_ceremony", "poll " + pollId + " has no committee yet"));
  }

  /** The finished ceremony's public outcome, for Q and the tally; refuses unless DONE. */
  public CeremonyResult result(String pollId) {
    CeremonyState s = view(pollId);
    requirePhase(s, Phase.DONE);
    return new CeremonyResult(
        s.ceremonyId,
        s.n,
        s.t,
        s.allCommitments(),
        s.jointKey,
        s.publicShares,
        s.members.stream().map(Member::signingPublicKey).toList());
  }

  /** committee.json (§10); refuses unless DONE. */
  public CommitteeFile committeeRecord(String pollId) {
    CeremonyState s = view(pollId);
    requirePhase(s, Phase.DONE);
    List<CommitteeFile.Member> out = new ArrayList<>();
    for (Member m : s.members) {
      RevealPost r = s.reveal(m.index()).orElseThrow();
      out.add(
          new CommitteeFile.Member(
              m.index(),
              m.name(),
              m.hpkePublicKey(),
              m.signingPublicKey(),
              (ObjectNode) m.hpkeKeyset(),
              (ObjectNode) m.signingKeyset(),
              s.commit(m.index()).orElseThrow().commitHash(),
              r.commitments(),
              r.proofs(),
              s.publicShares.get(m.index() - 1)));
    }
    return new CommitteeFile(s.ceremonyId, out);
  }

  // ---- secretariat ----

  /**
   * {@code join} (docs/protocol.md §8.6): records a member's self-signed registration under a
   * one-time invitation for this poll, which it uses up in the same store transaction. Refused with
   * 403 (nothing stored) without a valid, unused invitation of this poll; with 409 when its signing
   * or HPKE key is already registered for the poll (nothing replaced). The stored registration
   * bears the invitation's name. Posting the same registration with the same code again answers as
   * the first time. Returns the key fingerprint.
   */
  public String register(String pollId, Registration r) {
    Objects.requireNonNull(r, "registration");
    if (!pollId.equals(r.pollId())) {
      throw new CommitteeException(
          BAD_REQUEST, "wrong_poll", "registration is for poll " + r.pollId(), "pollId");
    }
    try {
      r.check();
    } catch (IllegalArgumentException e) {
      throw new CommitteeException(FORBIDDEN, "bad_registration", e.getMessage());
    }
    String codeHash = invitationHash(r.invitation());
    Invitation inv =
        store
            .invitation(codeHash)
            .orElseThrow(
                () ->
                    invitationRefused(
                        "invitation_unknown",
                        "Mã mời không đúng / unknown invitation code: only members the meeting elected register, with the code on their slip"));
    if (!inv.pollId().equals(pollId)) {
      throw invitationRefused(
          "invitation_other_poll",
          "Mã mời của hội nghị khác / this invitation is for another poll");
    }
    if (inv.revoked()) {
      throw invitationRefused(
          "invitation_revoked", "Mã mời đã bị thu hồi / this invitation was revoked");
    }
    String fp = PublicKeys.fingerprint(r.hpkePublicKey(), r.signingPublicKey());
    if (inv.usedBy() != null) {
      boolean same =
          inv.usedBy().equals(fp)
              && view(pollId).registrations.stream().anyMatch(x -> x.sameKeys(r));
      if (same) {
        return fp; // the member's tool sent it again (a lost answer)
      }
      throw invitationRefused(
          "invitation_used", "Mã mời đã được dùng / this invitation has already been used");
    }
    Registration stored = r.invited(inv.name());
    return update(
        pollId,
        true,
        s -> {
          if (s.phase != Phase.REGISTRATION && s.phase != Phase.FAILED) {
            throw new CommitteeException(
                CONFLICT, "wrong_phase", "the ceremony has started; registration is closed");
          }
          for (Registration x : s.registrations) {
            boolean signing = Arrays.equals(x.signingPublicKey(), r.signingPublicKey());
            if (signing || Arrays.equals(x.hpkePublicKey(), r.hpkePublicKey())) {
              throw new CommitteeException(
                  CONFLICT,
                  "key_in_use",
                  "Khoá đã được đăng ký / a registration of this poll ("
                      + x.displayName()
                      + ") already uses this "
                      + (signing ? "signing" : "HPKE")
                      + " key; nothing was replaced",
                  signing ? "signingPublicKey" : "hpkePublicKey");
            }
          }
          s.registrations.add(stored);
          return fp;
        },
        s -> {
          if (!store.saveRedeeming(s, codeHash, fp)) {
            throw invitationRefused(
                "invitation_used", "Mã mời đã được dùng / this invitation has already been used");
          }
        });
  }

  /**
   * The stored form of an invitation code; a missing or malformed code is a 403 like an unknown
   * one.
   */
  private static String invitationHash(String code) {
    if (code == null || code.isBlank()) {
      throw invitationRefused(
          "invitation_required",
          "Cần mã mời / an invitation code is required: only members the meeting elected register (cvote-committee join --invite CODE)");
    }
    try {
      return java.util.HexFormat.of()
          .formatHex(org.cvote.crypto.token.AccessCode.parse(code).hash());
    } catch (IllegalArgumentException e) {
      throw invitationRefused(
          "invitation_unknown", "Mã mời không đúng / not an invitation code: " + e.getMessage());
    }
  }

  private static CommitteeException invitationRefused(String code, String message) {
    return new CommitteeException(FORBIDDEN, code, message, "invitation");
  }

  /**
   * Starts the ceremony with the approved committee (the secretariat's list, elected at the
   * conference), members numbered 1..n in the order given by their Ed25519 keys.
   */
  public CeremonyState start(String pollId, int t, List<byte[]> approvedSigningKeys) {
    return update(
        pollId,
        false,
        s -> {
          if (s.phase != Phase.REGISTRATION) {
            throw new CommitteeException(
                CONFLICT,
                "wrong_phase",
                "the ceremony has already started (phase " + s.phase + ")");
          }
          if (t < 1) {
            throw new CommitteeException(BAD_REQUEST, "bad_threshold", "t must be at least 1", "t");
          }
          if (approvedSigningKeys.size() < t) {
            throw new CommitteeException(
                BAD_REQUEST,
                "too_few_members",
                "Cần phê duyệt ít nhất t = "
                    + t
                    + " thành viên / approve at least t = "
                    + t
                    + " members (listed "
                    + approvedSigningKeys.size()
                    + ")",
                "members");
          }
          List<Member> members = new ArrayList<>();
          for (int k = 0; k < approvedSigningKeys.size(); k++) {
            byte[] key = approvedSigningKeys.get(k);
            Registration r =
                s.registrations.stream()
                    .filter(x -> Arrays.equals(x.signingPublicKey(), key))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new CommitteeException(
                                BAD_REQUEST,
                                "not_registered",
                                "an approved member has not joined (Ed25519 key "
                                    + java.util.HexFormat.of().formatHex(key)
                                    + ")"));
            if (members.stream().anyMatch(m -> Arrays.equals(m.signingPublicKey(), key))) {
              throw new CommitteeException(
                  BAD_REQUEST,
                  "duplicate_member",
                  "a member is approved twice",
                  "members[" + k + "]");
            }
            members.add(r.asMember(members.size() + 1));
          }
          begin(s, t, members);
          return s.copy();
        });
  }

  /** Starts with every registered member, in the order they joined. */
  public CeremonyState start(String pollId, int t) {
    CeremonyState s = view(pollId);
    return start(pollId, t, s.registrations.stream().map(Registration::signingPublicKey).toList());
  }

  /**
   * After a failed attempt: a new attempt (new γ) with the remaining members, renumbered 1..n' in
   * their previous order, same t. Earlier failures stay in {@code history}.
   */
  public CeremonyState restartWithout(String pollId, Set<Integer> excluded) {
    return update(
        pollId,
        false,
        s -> {
          if (s.phase != Phase.FAILED) {
            throw new CommitteeException(
                CONFLICT,
                "wrong_phase",
                "only a failed ceremony is restarted (phase " + s.phase + ")");
          }
          List<Member> keep = new ArrayList<>();
          for (Member m : s.members) {
            if (!excluded.contains(m.index())) {
              keep.add(
                  new Member(
                      keep.size() + 1,
                      m.name(),
                      m.hpkePublicKey(),
                      m.signingPublicKey(),
                      m.hpkeKeyset(),
                      m.signingKeyset()));
            }
          }
          // γ covers the members, not the attempt: the same members again would repeat γ, and the
          // failed
          // attempt's public posts would be valid in the new one (docs/protocol.md §8.2)
          if (keep.size() == s.members.size()) {
            throw new CommitteeException(
                BAD_REQUEST,
                "nobody_excluded",
                "a restart drops at least one member of the failed "
                    + "attempt (excluded "
                    + excluded
                    + " names none of 1.."
                    + s.members.size()
                    + ")",
                "exclude");
          }
          s.history.add(s.failure);
          begin(s, s.t, keep);
          return s.copy();
        });
  }

  /**
   * The secretariat stops a stuck attempt (a member never shows up): the attempt fails naming the
   * members who have not yet posted the current step, so {@link #restartWithout} can drop them.
   */
  public CeremonyState abort(String pollId, String reason) {
    return update(
        pollId,
        false,
        s -> {
          if (s.phase == Phase.REGISTRATION || s.phase == Phase.DONE || s.phase == Phase.FAILED) {
            throw new CommitteeException(
                CONFLICT, "wrong_phase", "nothing to abort in phase " + s.phase);
          }
          List<Integer> missing = new ArrayList<>();
          List<ComplaintPost> open = s.unanswered();
          // §8.8: an accused who did not answer in time is excluded, not the members who wait in
          // CONFIRM for the answer
          boolean waitingForAnswers = !open.isEmpty() && s.phase == Phase.CONFIRM;
          for (Member m : waitingForAnswers ? List.<Member>of() : s.members) {
            boolean posted =
                switch (s.phase) {
                  case COMMIT -> s.commit(m.index()).isPresent();
                  case REVEAL -> s.reveal(m.index()).isPresent();
                  case SHARES -> s.hasShares(m.index());
                  default -> s.confirmation(m.index()).isPresent();
                };
            if (!posted) {
              missing.add(m.index());
            }
          }
          List<Integer> silent =
              open.stream().map(ComplaintPost::accused).distinct().sorted().toList();
          String why =
              (missing.isEmpty() ? "" : "; members who had not posted: " + missing)
                  + (silent.isEmpty()
                      ? ""
                      : "; accused members who did not answer a complaint: " + silent);
          silent.stream().filter(i -> !missing.contains(i)).forEach(missing::add);
          java.util.Collections.sort(missing);
          s.failure =
              new Failure(
                  s.attempt,
                  "aborted by the secretariat in phase " + s.phase + ": " + reason + why,
                  missing,
                  null);
          s.phase = Phase.FAILED;
          return s.copy();
        });
  }

  private static void begin(CeremonyState s, int t, List<Member> members) {
    int n = members.size();
    if (n < 1 || n > MAX_MEMBERS || t < 1 || t > n) {
      throw new CommitteeException(
          BAD_REQUEST,
          "bad_threshold",
          "need 1 ≤ t ≤ n ≤ " + MAX_MEMBERS + ", got n=" + n + " t=" + t);
    }
    s.attempt++;
    s.t = t;
    s.n = n;
    s.members = members;
    s.ceremonyId = CeremonyMath.ceremonyId(s.pollId, t, members);
    s.commits = new ArrayList<>();
    s.reveals = new ArrayList<>();
    s.shares = new ArrayList<>();
    s.complaints = new ArrayList<>();
    s.answers = new ArrayList<>();
    s.confirmations = new ArrayList<>();
    s.transcript = null;
    s.jointKey = null;
    s.publicShares = null;
    s.failure = null;
    s.phase = Phase.COMMIT;
  }

  // ---- member posts ----

  /** Step 0. */
  public void commit(String pollId, CommitPost p) {
    update(
        pollId,
        false,
        s -> {
          Member m =
              signer(
                  s,
                  p.member(),
                  Posts.commit(s.ceremonyId, p.member(), p.commitHash()),
                  p.signature());
          var old = s.commit(m.index());
          if (old.isPresent()) {
            if (old.get().sameAs(p)) {
              return null;
            }
            throw new CommitteeException(
                CONFLICT, "already_committed", "member " + m.index() + " has already committed");
          }
          requirePhase(s, Phase.COMMIT);
          s.commits.add(p);
          if (s.commits.size() == s.n) {
            s.phase = Phase.REVEAL;
          }
          return null;
        });
  }

  /**
   * Step 1: only after all n commitments; checked against the commit hash and the Schnorr proofs.
   */
  public void reveal(String pollId, RevealPost p) {
    update(
        pollId,
        false,
        s -> {
          Member m =
              signer(
                  s,
                  p.member(),
                  Posts.reveal(s.ceremonyId, p.member(), p.commitments(), p.proofs()),
                  p.signature());
          var old = s.reveal(m.index());
          if (old.isPresent()) {
            if (old.get().sameAs(p)) {
              return null;
            }
            throw new CommitteeException(
                CONFLICT, "already_revealed", "member " + m.index() + " has already revealed");
          }
          if (s.phase == Phase.COMMIT) {
            throw new CommitteeException(
                CONFLICT,
                "wrong_phase",
                "no reveal before all "
                    + s.n
                    + " members have committed ("
                    + s.commits.size()
                    + " so far)");
          }
          requirePhase(s, Phase.REVEAL);
          String problem =
              checkReveal(
                  s.ceremonyId, s.t, s.commit(m.index()).orElseThrow().commitHash(), p, rng);
          if (problem != null) {
            throw new CommitteeException(
                BAD_REQUEST, "bad_reveal", "member " + m.index() + ": " + problem);
          }
          s.reveals.add(p);
          if (s.reveals.size() == s.n) {
            s.phase = Phase.SHARES;
          }
          return null;
        });
  }

  /** The checks of step 1 anyone can run; null when the reveal is valid. */
  public static String checkReveal(
      Digest ceremonyId, int t, Digest commitHash, RevealPost p, SecureRandom rng) {
    if (p.commitments().size() != t || p.proofs().size() != t) {
      return "needs exactly t = " + t + " commitments and proofs";
    }
    if (p.commitments().stream().anyMatch(Point::isIdentity)) {
      return "a commitment is the identity";
    }
    if (!CeremonyMath.commitHash(ceremonyId, p.member(), p.commitments()).equals(commitHash)) {
      return "commitments do not match the step-0 commit hash";
    }
    BatchVerifier<Integer> bv = new BatchVerifier<>(rng);
    for (int j = 0; j < t; j++) {
      bv.addSchnorr(j, ceremonyId, p.member(), j, p.commitments().get(j), p.proofs().get(j));
    }
    List<Integer> bad = bv.failures();
    return bad.isEmpty() ? null : "Schnorr proof of coefficient " + bad.get(0) + " does not verify";
  }

  /** Step 2: the n−1 encrypted shares of one member, each signed; relayed unread. */
  public void shares(String pollId, SharesPost p) {
    update(
        pollId,
        false,
        s -> {
          Member m = s.member(p.member()).orElseThrow(() -> notMember(p.member()));
          if (p.shares().size() != s.n - 1) {
            throw new CommitteeException(
                BAD_REQUEST,
                "bad_shares",
                "expected " + (s.n - 1) + " shares, got " + p.shares().size(),
                "shares");
          }
          Set<Integer> to = new TreeSet<>();
          for (int k = 0; k < p.shares().size(); k++) {
            EncryptedShare e = p.shares().get(k);
            String field = "shares[" + k + "]";
            if (e.from() != m.index()
                || e.to() < 1
                || e.to() > s.n
                || e.to() == m.index()
                || !to.add(e.to())) {
              throw new CommitteeException(
                  BAD_REQUEST,
                  "bad_shares",
                  "one share to each other member, from the poster",
                  field);
            }
            if (e.ciphertext().length == 0 || e.ciphertext().length > MAX_CIPHERTEXT) {
              throw new CommitteeException(
                  BAD_REQUEST,
                  "bad_shares",
                  "ciphertext length out of range",
                  field + ".ciphertext");
            }
            if (!PublicKeys.verify(
                m.signingPublicKey(),
                Posts.share(s.ceremonyId, e.from(), e.to(), e.ciphertext()).bytes(),
                e.signature())) {
              throw new CommitteeException(
                  FORBIDDEN,
                  "bad_signature",
                  "share signature does not verify under member " + m.index() + "'s key",
                  field + ".signature");
            }
          }
          if (s.hasShares(m.index())) {
            boolean same =
                p.shares().stream()
                    .allMatch(e -> s.share(e.from(), e.to()).map(e::sameAs).orElse(false));
            if (same) {
              return null;
            }
            throw new CommitteeException(
                CONFLICT,
                "already_shared",
                "member " + m.index() + " has already posted its shares");
          }
          if (s.phase == Phase.COMMIT || s.phase == Phase.REVEAL) {
            throw new CommitteeException(
                CONFLICT, "wrong_phase", "no shares before all " + s.n + " members have revealed");
          }
          requirePhase(s, Phase.SHARES);
          s.shares.addAll(p.shares());
          if (s.shares.size() == s.n * (s.n - 1)) {
            List<List<Point>> all = s.allCommitments();
            s.jointKey = Feldman.jointKey(all);
            List<Point> ps = new ArrayList<>();
            for (int l = 1; l <= s.n; l++) {
              ps.add(Feldman.publicShare(all, l));
            }
            s.publicShares = ps;
            s.transcript =
                CeremonyMath.transcript(
                    s.ceremonyId, s.allCommitHashes(), all, s.shares, s.jointKey);
            s.phase = Phase.CONFIRM;
          }
          return null;
        });
  }

  /**
   * Step 3: a signed complaint (§8.8). It does not fail the attempt by itself: the accused answers
   * by publishing the disputed share ({@link #answer}); only a share that fails the check, or no
   * answer in time ({@link #abort}), excludes the accused.
   */
  public void complain(String pollId, ComplaintPost p) {
    update(
        pollId,
        false,
        s -> {
          Member m =
              signer(
                  s,
                  p.member(),
                  Posts.complaint(s.ceremonyId, p.member(), p.accused(), p.reason()),
                  p.signature());
          if (p.accused() < 1 || p.accused() > s.n || p.accused() == m.index()) {
            throw new CommitteeException(
                BAD_REQUEST, "bad_complaint", "accused must be another member", "accused");
          }
          if (s.complaints.stream()
              .anyMatch(c -> c.member() == p.member() && c.accused() == p.accused())) {
            return null;
          }
          if (p.reason().length() > 500) {
            throw new CommitteeException(
                BAD_REQUEST, "bad_complaint", "reason longer than 500 characters", "reason");
          }
          if (s.phase != Phase.SHARES && s.phase != Phase.CONFIRM) {
            throw new CommitteeException(
                CONFLICT, "wrong_phase", "complaints concern shares (phase " + s.phase + ")");
          }
          if (!s.hasShares(p.accused())) {
            throw new CommitteeException(
                CONFLICT, "wrong_phase", "member " + p.accused() + " has posted no share yet");
          }
          if (s.confirmation(m.index()).isPresent()) {
            throw new CommitteeException(
                CONFLICT,
                "already_confirmed",
                "member "
                    + m.index()
                    + " has already confirmed the transcript, so it accepted every share it received");
          }
          s.complaints.add(p);
          return null;
        });
  }

  /**
   * Step 3, the accused's answer (§8.8): the disputed share in clear, checked against the accused's
   * commitments. A share that checks resolves the complaint against the complainer (who uses it;
   * the attempt goes on); one that does not fails the attempt naming the accused.
   */
  public void answer(String pollId, AnswerPost p) {
    update(
        pollId,
        false,
        s -> {
          Member m =
              signer(
                  s,
                  p.member(),
                  Posts.answer(s.ceremonyId, p.member(), p.complainant(), p.share()),
                  p.signature());
          ComplaintPost c =
              s.complaints.stream()
                  .filter(x -> x.accused() == m.index() && x.member() == p.complainant())
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new CommitteeException(
                              CONFLICT,
                              "no_complaint",
                              "member "
                                  + p.complainant()
                                  + " has not complained about member "
                                  + m.index(),
                              "complainant"));
          var old = s.answer(m.index(), c.member());
          if (old.isPresent()) {
            if (old.get().sameAs(p)) {
              return null;
            }
            throw new CommitteeException(
                CONFLICT,
                "already_answered",
                "member "
                    + m.index()
                    + " has already answered member "
                    + c.member()
                    + "'s complaint");
          }
          if (s.phase != Phase.SHARES && s.phase != Phase.CONFIRM) {
            throw new CommitteeException(
                CONFLICT, "wrong_phase", "the ceremony is in phase " + s.phase);
          }
          s.answers.add(p);
          if (!answerChecks(s, p)) {
            Member complainer = s.member(c.member()).orElseThrow();
            s.phase = Phase.FAILED;
            s.failure =
                new Failure(
                    s.attempt,
                    "member "
                        + c.member()
                        + " ("
                        + complainer.name()
                        + ") complained that the share from member "
                        + m.index()
                        + " ("
                        + m.name()
                        + ") is invalid ("
                        + c.reason()
                        + "), and the share member "
                        + m.index()
                        + " published in answer fails the check P_i(l)·G = Σ l^j·K_ij: the complaint is upheld; "
                        + "restart the ceremony without member "
                        + m.index(),
                    List.of(m.index()),
                    c.member());
          }
          return null;
        });
  }

  /** §8.8: P_i(ℓ)·G = Σ_j ℓ^j·K_ij for the accused i = answer.member and ℓ = answer.complainant. */
  public static boolean answerChecks(CeremonyState s, AnswerPost a) {
    return s.reveal(a.member())
        .map(r -> Feldman.shareValid(r.commitments(), a.complainant(), a.share()))
        .orElse(false);
  }

  /**
   * Step 5: the key is fixed only when all n confirmations equal the coordinator's transcript hash.
   */
  public void confirm(String pollId, ConfirmPost p) {
    update(
        pollId,
        false,
        s -> {
          Member m =
              signer(
                  s,
                  p.member(),
                  Posts.confirm(s.ceremonyId, p.member(), p.transcript()),
                  p.signature());
          var old = s.confirmation(m.index());
          if (old.isPresent()) {
            if (old.get().transcript().equals(p.transcript())) {
              return null;
            }
            throw new CommitteeException(
                CONFLICT, "already_confirmed", "member " + m.index() + " has already confirmed");
          }
          requirePhase(s, Phase.CONFIRM);
          s.confirmations.add(p);
          if (!p.transcript().equals(s.transcript)) {
            s.phase = Phase.FAILED;
            s.failure =
                new Failure(
                    s.attempt,
                    "member "
                        + m.index()
                        + " ("
                        + m.name()
                        + ") confirmed a different ceremony transcript "
                        + "than the one on the board: its view was altered in transit (key substitution) or a member equivocated; "
                        + "the key is not fixed",
                    List.of(),
                    null);
            return null;
          }
          if (s.confirmations.size() == s.n) {
            s.phase = Phase.DONE;
          }
          return null;
        });
  }

  // ---- helpers ----

  private Member signer(CeremonyState s, int index, Digest payload, byte[] signature) {
    if (s.ceremonyId == null) {
      throw new CommitteeException(CONFLICT, "wrong_phase", "the ceremony has not started");
    }
    Member m = s.member(index).orElseThrow(() -> notMember(index));
    if (!PublicKeys.verify(m.signingPublicKey(), payload.bytes(), signature)) {
      throw new CommitteeException(
          FORBIDDEN,
          "bad_signature",
          "signature does not verify under member "
              + index
              + "'s approved key (unsigned, mis-signed, for another ceremony, or not from that member)",
          "signature");
    }
    return m;
  }

  private static CommitteeException notMember(int index) {
    return new CommitteeException(
        FORBIDDEN, "not_a_member", "no approved member " + index + " in this ceremony", "member");
  }

  private static void requirePhase(CeremonyState s, Phase want) {
    if (s.phase != want) {
      String why = s.phase == Phase.FAILED && s.failure != null ? ": " + s.failure.reason() : "";
      throw new CommitteeException(
          CONFLICT, "wrong_phase", "the ceremony is in phase " + s.phase + ", not " + want + why);
    }
  }

  private <T> T update(String pollId, boolean create, Function<CeremonyState, T> f) {
    return update(pollId, create, f, store::save);
  }

  private <T> T update(
      String pollId,
      boolean create,
      Function<CeremonyState, T> f,
      java.util.function.Consumer<CeremonyState> save) {
    Objects.requireNonNull(pollId, "pollId");
    synchronized (locks.computeIfAbsent(pollId, k -> new Object())) {
      CeremonyState s =
          store
              .load(pollId)
              .orElseGet(
                  () -> {
                    if (!create) {
                      throw new CommitteeException(
                          NOT_FOUND, "no_ceremony", "poll " + pollId + " has no committee yet");
                    }
                    return new CeremonyState(pollId);
                  });
      String before = s.toJson();
      T out = f.apply(s);
      if (!s.toJson().equals(before)) {
        s.version++;
        save.accept(s);
      }
      return out;
    }
  }
}
