package org.cvote.committee.ceremony;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.PublicKeys;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.SchnorrProof;
import org.cvote.crypto.threshold.Feldman;
import org.cvote.crypto.threshold.Polynomial;

/**
 * A member's side of the key ceremony (docs/protocol.md §8). Each {@link #step()} reads the board,
 * does whatever this member can do now, saves its state (before posting anything that must be
 * resent identically) and returns; {@link #run} repeats until the key is fixed or the attempt
 * fails. A new object over the same {@link MemberStateStore} resumes where a crashed one stopped.
 *
 * <p>The member checks everything it relies on itself: signatures of every post it uses, every
 * reveal against its commit hash and Schnorr proofs, every share it receives (Feldman), and at the
 * end that the coordinator's K and public shares equal its own.
 */
public final class MemberCeremony {
  private final MemberIdentity id;
  private final MemberStateStore store;
  private final CeremonyChannel transport;
  private final String pollId;
  private final SecureRandom rng;
  private final ListConfirmation confirmation;

  /**
   * {@code confirmation} is asked, before this member commits to anything in an attempt, to confirm
   * the approved member list the server serves against the one announced in the hall
   * (docs/protocol.md §8.7).
   */
  public MemberCeremony(
      MemberIdentity id,
      MemberStateStore store,
      CeremonyChannel transport,
      String pollId,
      SecureRandom rng,
      ListConfirmation confirmation) {
    this.confirmation = Objects.requireNonNull(confirmation, "list confirmation");
    this.id = Objects.requireNonNull(id, "identity");
    this.store = Objects.requireNonNull(store, "store");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.pollId = Objects.requireNonNull(pollId, "pollId");
    this.rng = Objects.requireNonNull(rng, "rng");
  }

  /** Steps until the key is fixed (returns the final progress) or the attempt fails (throws). */
  public MemberState run(Duration pollInterval, Duration timeout, Consumer<Progress> listener)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Progress p = step();
      listener.accept(p);
      if (p.finished()) {
        return store.load(pollId).orElseThrow();
      }
      if (p.failed()) {
        throw new CommitteeException(
            CommitteeException.Kind.CONFLICT, "ceremony_failed", p.message());
      }
      if (System.nanoTime() > deadline) {
        throw new CommitteeException(
            CommitteeException.Kind.UNAVAILABLE, "timeout", "gave up waiting: " + p.message());
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** One round of work; see the class comment. */
  public Progress step() {
    CeremonyState v = transport.ceremony(pollId);
    if (v.phase == Phase.REGISTRATION) {
      return Progress.waiting(
          v,
          "waiting for the secretariat to start the ceremony ("
              + v.registrations.size()
              + " joined)");
    }
    Member me =
        v.memberByKey(id.signingPublicKey())
            .orElseThrow(
                () ->
                    new CommitteeException(
                        CommitteeException.Kind.FORBIDDEN,
                        "not_a_member",
                        "this identity ("
                            + id.fingerprint()
                            + ") is not on the approved committee of attempt "
                            + v.attempt));
    if (!java.util.Arrays.equals(me.hpkePublicKey(), id.hpkePublicKey())) {
      // the other members would seal this member's shares to a key the server chose: refused,
      // whatever was confirmed
      throw new CommitteeException(
          CommitteeException.Kind.FORBIDDEN,
          "not_a_member",
          "the approved list gives this member another "
              + "HPKE key (fingerprint "
              + org.cvote.committee.identity.PublicKeys.fingerprint(
                  me.hpkePublicKey(), me.signingPublicKey())
              + ", this identity "
              + id.fingerprint()
              + ")");
    }
    MemberState st = store.load(pollId).filter(x -> x.ceremonyId.equals(v.ceremonyId)).orElse(null);
    if (v.phase == Phase.FAILED) {
      return new Progress(
          v.phase,
          v.attempt,
          "ceremony attempt "
              + v.attempt
              + " failed: "
              + (v.failure == null ? "?" : v.failure.reason()),
          false,
          true);
    }
    // γ binds the served list (§8.2): recompute it, so that the list the member confirms is the one
    // everything it signs
    // below is bound to
    if (v.members.size() != v.n
        || v.ceremonyId == null
        || !v.ceremonyId.equals(CeremonyMath.ceremonyId(pollId, v.t, v.members))) {
      throw new CommitteeException(
          CommitteeException.Kind.CONFLICT,
          "bad_board",
          "the server's ceremony id γ does not match the approved member list it serves");
    }
    MemberList served = MemberList.served(v);
    if (st == null
        || st.confirmedFingerprints == null
        || st.confirmedT != v.t
        || !st.confirmedFingerprints.equals(served.fingerprints())) {
      // before anything is posted in this attempt (a state without a confirmed list comes from an
      // older tool: ask now)
      confirmation.confirm(v, served);
      if (st == null) {
        st = fresh(v, me.index());
      }
      st.confirmedT = v.t;
      st.confirmedFingerprints = served.fingerprints();
      store.save(st);
    }
    if (st.done) {
      return new Progress(
          v.phase,
          v.attempt,
          "key fixed; K = " + st.jointKey.toHex().substring(0, 16) + "…",
          true,
          false);
    }
    final MemberState s = st;
    // step 0
    if (v.commit(s.index).isEmpty()) {
      transport.commit(
          pollId,
          new CommitPost(
              s.index,
              s.commitHash,
              id.sign(Posts.commit(s.ceremonyId, s.index, s.commitHash).bytes())));
      return Progress.waiting(v, "commitment posted");
    }
    if (v.phase == Phase.COMMIT) {
      return Progress.waiting(v, "waiting for commitments: " + v.commits.size() + "/" + v.n);
    }
    // step 1
    if (v.reveal(s.index).isEmpty()) {
      transport.reveal(
          pollId,
          new RevealPost(
              s.index,
              s.commitments,
              s.proofs,
              id.sign(Posts.reveal(s.ceremonyId, s.index, s.commitments, s.proofs).bytes())));
      return Progress.waiting(v, "commitments and proofs revealed");
    }
    if (v.phase == Phase.REVEAL) {
      return Progress.waiting(v, "waiting for reveals: " + v.reveals.size() + "/" + v.n);
    }
    // step 2
    if (s.shares == null) {
      String problem = checkAllReveals(v);
      if (problem != null) {
        throw new CommitteeException(CommitteeException.Kind.CONFLICT, "bad_board", problem);
      }
      s.allCommitments = v.allCommitments();
      s.shares = encryptShares(v, s);
      store.save(s);
    }
    if (!v.hasShares(s.index)) {
      transport.shares(pollId, new SharesPost(s.index, s.shares));
      return Progress.waiting(v, "encrypted shares posted");
    }
    // step 3, the accused's side (§8.8): answer every complaint against this member by publishing
    // the share,
    // also while the phase is still SHARES (complaints are accepted then, and an abort names an
    // accused who
    // has not answered: a member withholding its own shares must not take the members it accuses
    // out with it)
    for (ComplaintPost c : v.complaints) {
      if (c.accused() == s.index && v.answer(s.index, c.member()).isEmpty()) {
        Member complainer = v.member(c.member()).orElse(null);
        if (complainer == null
            || !PublicKeys.verify(
                complainer.signingPublicKey(),
                Posts.complaint(s.ceremonyId, c.member(), s.index, c.reason()).bytes(),
                c.signature())) {
          continue; // not a complaint of this ceremony's member: nothing to answer
        }
        Scalar share = Polynomial.of(s.coefficientsCopy()).evaluate(c.member());
        transport.answer(
            pollId,
            new AnswerPost(
                s.index,
                c.member(),
                share,
                id.sign(Posts.answer(s.ceremonyId, s.index, c.member(), share).bytes())));
        return Progress.waiting(
            v, "answered member " + c.member() + "'s complaint by publishing its share");
      }
    }
    if (v.phase == Phase.SHARES) {
      return Progress.waiting(
          v, "waiting for shares: " + v.shares.size() + "/" + (v.n * (v.n - 1)));
    }
    // steps 3 and 4, the recipient's side
    if (s.secretShare == null) {
      ComplaintPost c = receiveShares(v, s);
      if (c != null) {
        s.complaint = c;
        store.save(s);
        boolean posted =
            v.complaints.stream()
                .anyMatch(x -> x.member() == s.index && x.accused() == c.accused());
        if (!posted) {
          transport.complain(pollId, c);
          return Progress.waiting(
              v,
              "complaint posted against member "
                  + c.accused()
                  + ": "
                  + c.reason()
                  + "; waiting for its answer");
        }
        return Progress.waiting(
            v,
            "waiting for member " + c.accused() + " to answer the complaint (" + c.reason() + ")");
      }
      store.save(s);
    }
    // step 5
    if (v.confirmation(s.index).isEmpty()) {
      transport.confirm(
          pollId,
          new ConfirmPost(
              s.index,
              s.transcript,
              id.sign(Posts.confirm(s.ceremonyId, s.index, s.transcript).bytes())));
      return Progress.waiting(v, "transcript confirmed");
    }
    if (v.phase == Phase.DONE) {
      if (!s.jointKey.equals(v.jointKey) || !s.publicShares.equals(v.publicShares)) {
        throw new CommitteeException(
            CommitteeException.Kind.CONFLICT,
            "bad_board",
            "the server's joint key or public shares differ from this member's own computation");
      }
      s.done = true;
      store.save(s);
      return new Progress(
          v.phase,
          v.attempt,
          "key fixed; K = " + s.jointKey.toHex().substring(0, 16) + "…",
          true,
          false);
    }
    return Progress.waiting(v, "waiting for confirmations: " + v.confirmations.size() + "/" + v.n);
  }

  private MemberState fresh(CeremonyState v, int index) {
    MemberState s = new MemberState();
    s.pollId = pollId;
    s.ceremonyId = v.ceremonyId;
    s.index = index;
    s.n = v.n;
    s.t = v.t;
    Polynomial p = Polynomial.random(v.t, rng);
    s.coefficients = new ArrayList<>();
    for (int j = 0; j < v.t; j++) {
      s.coefficients.add(p.coefficient(j));
    }
    s.commitments = p.commitments();
    s.commitHash = CeremonyMath.commitHash(v.ceremonyId, index, s.commitments);
    s.proofs = new ArrayList<>();
    for (int j = 0; j < v.t; j++) {
      s.proofs.add(SchnorrProof.prove(v.ceremonyId, index, j, s.coefficients.get(j), rng));
    }
    return s;
  }

  /**
   * Everything the member checks before it sends shares: signed commits and reveals matching them.
   */
  private String checkAllReveals(CeremonyState v) {
    for (Member m : v.members) {
      CommitPost c = v.commit(m.index()).orElse(null);
      RevealPost r = v.reveal(m.index()).orElse(null);
      if (c == null || r == null) {
        return "member " + m.index() + "'s commitment or reveal is missing from the board";
      }
      if (!PublicKeys.verify(
              m.signingPublicKey(),
              Posts.commit(v.ceremonyId, m.index(), c.commitHash()).bytes(),
              c.signature())
          || !PublicKeys.verify(
              m.signingPublicKey(),
              Posts.reveal(v.ceremonyId, m.index(), r.commitments(), r.proofs()).bytes(),
              r.signature())) {
        return "member " + m.index() + "'s commitment or reveal is not signed by its key";
      }
      String problem = CeremonyCoordinator.checkReveal(v.ceremonyId, v.t, c.commitHash(), r, rng);
      if (problem != null) {
        return "member " + m.index() + ": " + problem;
      }
    }
    return null;
  }

  private List<EncryptedShare> encryptShares(CeremonyState v, MemberState s) {
    Polynomial p = Polynomial.of(s.coefficientsCopy());
    List<EncryptedShare> out = new ArrayList<>();
    for (Member m : v.members) {
      if (m.index() == s.index) {
        continue;
      }
      byte[] plain = p.evaluate(m.index()).encode();
      byte[] ct =
          PublicKeys.hpkeEncrypt(
              m.hpkePublicKey(), plain, CeremonyMath.shareInfo(s.ceremonyId, s.index, m.index()));
      Arrays.fill(plain, (byte) 0);
      out.add(
          new EncryptedShare(
              s.index,
              m.index(),
              ct,
              id.sign(Posts.share(s.ceremonyId, s.index, m.index(), ct).bytes())));
    }
    return out;
  }

  /**
   * Steps 3–4: decrypt and check every share addressed to this member; a complaint on the first bad
   * one. A share its sender published in answer to this member's complaint (§8.8) is used instead
   * of the ciphertext, once it is signed by the sender and passes the Feldman check.
   */
  private ComplaintPost receiveShares(CeremonyState v, MemberState s) {
    Scalar sum = Polynomial.of(s.coefficientsCopy()).evaluate(s.index);
    for (Member m : v.members) {
      if (m.index() == s.index) {
        continue;
      }
      EncryptedShare e = v.share(m.index(), s.index).orElse(null);
      String reason = null;
      Scalar share = null;
      AnswerPost answer = v.answer(m.index(), s.index).orElse(null);
      if (answer != null
          && PublicKeys.verify(
              m.signingPublicKey(),
              Posts.answer(s.ceremonyId, m.index(), s.index, answer.share()).bytes(),
              answer.signature())
          && Feldman.shareValid(s.allCommitments.get(m.index() - 1), s.index, answer.share())) {
        sum = sum.add(answer.share());
        continue;
      }
      if (e == null) {
        reason = "no share addressed to me";
      } else if (!PublicKeys.verify(
          m.signingPublicKey(),
          Posts.share(s.ceremonyId, e.from(), e.to(), e.ciphertext()).bytes(),
          e.signature())) {
        reason = "share is not signed by the sender";
      } else {
        try {
          byte[] plain =
              id.decrypt(e.ciphertext(), CeremonyMath.shareInfo(s.ceremonyId, m.index(), s.index));
          share = Scalar.decode(plain);
          Arrays.fill(plain, (byte) 0);
        } catch (GeneralSecurityException | RuntimeException ex) {
          reason = "share does not decrypt";
        }
        if (share != null
            && !Feldman.shareValid(s.allCommitments.get(m.index() - 1), s.index, share)) {
          reason = "share fails the Feldman check P_i(l)·G = Σ l^j·K_ij";
          share = null;
        }
      }
      if (reason != null) {
        return new ComplaintPost(
            s.index,
            m.index(),
            reason,
            id.sign(Posts.complaint(s.ceremonyId, s.index, m.index(), reason).bytes()));
      }
      sum = sum.add(share);
    }
    s.secretShare = sum;
    s.jointKey = Feldman.jointKey(s.allCommitments);
    s.publicShares = new ArrayList<>();
    for (int l = 1; l <= s.n; l++) {
      s.publicShares.add(Feldman.publicShare(s.allCommitments, l));
    }
    if (!Point.baseMul(sum).equals(s.publicShares.get(s.index - 1))) {
      throw new IllegalStateException("own secret share does not match its public share (bug)");
    }
    List<Digest> commitHashes = v.allCommitHashes();
    s.transcript =
        CeremonyMath.transcript(s.ceremonyId, commitHashes, s.allCommitments, v.shares, s.jointKey);
    return null;
  }
}
