package org.cvote.committee.decrypt;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.MemberStateStore;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.board.BoardFinding;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.DecryptionFile;

/**
 * A member's decryption (docs/protocol.md §9.2, §9.5). It recomputes Q from the manifest and its
 * own ceremony result, checks the server's closing statement (signed by the record key bound to Q)
 * and that the board ends at it, refuses a board other than the one it already decrypted for this
 * poll, verifies the whole board itself ({@link BoardVerifier}), recomputes the aggregate itself,
 * and only then computes M_{ℓ,λ} = s_ℓ·α_λ with a DLEQ proof for every label s&lt;i&gt;/o&lt;j&gt;,
 * signing them together with (Q, i, N, T_N). There is deliberately no method that decrypts anything
 * but the aggregate of a verified, closed board.
 */
public final class MemberDecryptor {
  /**
   * The outcome: the aggregate this member computed, the signed partial decryption to post, Q and
   * the closed board.
   */
  public record Result(
      AggregateFile aggregate, PartialDecryption partial, Digest q, ClosingStatement closing) {}

  /**
   * The figures announced in the hall, that the member confirmed or typed: the ballots collected
   * and the head fingerprint shown on the public board (at least 16 hex digits of T_N).
   */
  public record Announced(long ballots, String head) {
    public Announced {
      Objects.requireNonNull(head, "head");
    }

    /** The figures of a statement, as the member confirmed them on screen. */
    public static Announced of(ClosingStatement c) {
      return new Announced(c.count(), c.head().toHex());
    }
  }

  private MemberDecryptor() {}

  /**
   * The cheap checks, before anything is shown to the member: this member's ceremony, Q, the record
   * key bound to Q, the closing statement's signature, poll and Q, the board ending at its N and
   * T_N, and no other board decrypted before for this poll. Returns the checked statement.
   */
  public static ClosingStatement closing(MemberState st, TallyInput in)
      throws BoardRejectedException {
    Objects.requireNonNull(st, "member state");
    Objects.requireNonNull(in, "tally input");
    if (!st.done() || !st.hasSecretShare()) {
      throw new CommitteeException(
          CommitteeException.Kind.CONFLICT,
          "no_share",
          "this member has no finished ceremony for poll " + st.pollId());
    }
    if (!st.pollId().equals(in.manifest().pollId())) {
      throw new CommitteeException(
          CommitteeException.Kind.BAD_REQUEST,
          "wrong_poll",
          "the manifest is for poll " + in.manifest().pollId());
    }
    ContextFile c = in.context();
    if (in.tokenSpki() != null && !Digest.sha256(in.tokenSpki()).equals(c.tokenKeyHash())) {
      throw rejected("tokenKeyHash", "token key does not match its hash in the context");
    }
    Digest q =
        new Context(
                in.manifest().hash(),
                st.n(),
                st.t(),
                st.allCommitments(),
                st.jointKey(),
                c.tokenKeyHash(),
                c.signingKeyHash())
            .hash();
    if (!q.equals(c.q())
        || !st.jointKey().equals(c.jointKey())
        || c.n() != st.n()
        || c.t() != st.t()
        || !in.manifest().hash().equals(c.manifestHash())) {
      throw rejected(
          "Q",
          "the server's context (Q, K, n, t or manifest hash) differs from the one recomputed from this member's ceremony");
    }
    ClosingStatement cs = in.closing();
    if (cs == null) {
      throw rejected(
          "closing",
          "máy chủ không gửi biên bản khoá sổ đã ký — the server sent no signed closing statement");
    }
    if (in.signingKey() == null || !Digest.sha256(in.signingKey()).equals(c.signingKeyHash())) {
      throw rejected(
          "closing",
          "khoá ký biên bản không phải khoá gắn với Q — the record key is not the one bound to Q (signingKeyHash)");
    }
    if (!cs.poll().equals(st.pollId()) || !cs.q().equals(q)) {
      throw rejected(
          "closing",
          "biên bản khoá sổ thuộc cuộc bỏ phiếu khác — the closing statement is for another poll or Q");
    }
    if (!cs.verify(in.signingKey())) {
      throw rejected(
          "closing",
          "chữ ký biên bản khoá sổ không hợp lệ — the closing statement's signature does not verify under the record key");
    }
    List<BoardFinding> problems = new ArrayList<>();
    if (in.board().size() != cs.count()) {
      problems.add(
          BoardFinding.failed(
              0,
              CheckId.V12,
              "ballots",
              "bảng tin có "
                  + in.board().size()
                  + " phiếu, biên bản khoá sổ ghi "
                  + cs.count()
                  + " — the board holds "
                  + in.board().size()
                  + " ballots; the closing statement says "
                  + cs.count()));
    }
    Digest last =
        in.board().isEmpty()
            ? BallotHashes.chainStart(q)
            : in.board().get(in.board().size() - 1).chain();
    if (!last.equals(cs.head())) {
      problems.add(
          BoardFinding.failed(
              0,
              CheckId.V12,
              "head",
              "bảng tin kết thúc ở "
                  + ClosingStatement.fingerprint(last)
                  + ", biên bản khoá sổ ghi "
                  + cs.headFingerprint()
                  + " — the board ends at "
                  + ClosingStatement.fingerprint(last)
                  + "; the closing statement says "
                  + cs.headFingerprint()));
    }
    if (!problems.isEmpty()) {
      throw new BoardRejectedException(problems);
    }
    if (st.decryptedHead() != null
        && (!st.decryptedHead().equals(cs.head())
            || st.decryptedCount() == null
            || st.decryptedCount() != cs.count())) {
      throw rejected(
          "closing",
          "thành viên này đã giải mã một bảng khác của cuộc bỏ phiếu này ("
              + st.decryptedCount()
              + " phiếu, "
              + ClosingStatement.fingerprint(st.decryptedHead())
              + "); từ chối bảng "
              + cs.count()
              + " phiếu, "
              + cs.headFingerprint()
              + " — this member already decrypted another board of this poll ("
              + st.decryptedCount()
              + " ballots, "
              + ClosingStatement.fingerprint(st.decryptedHead())
              + "); refusing "
              + cs.count()
              + " ballots, "
              + cs.headFingerprint());
    }
    return cs;
  }

  /**
   * Which announced figures differ from the statement's (field "ballots" and/or "head"); empty when
   * both agree.
   */
  public static List<BoardFinding> compare(ClosingStatement cs, Announced announced) {
    List<BoardFinding> out = new ArrayList<>();
    if (cs.count() != announced.ballots()) {
      out.add(
          BoardFinding.failed(
              0,
              CheckId.V12,
              "ballots",
              "số phiếu đã thu khác với số công bố tại hội nghị: bảng tin "
                  + cs.count()
                  + ", công bố "
                  + announced.ballots()
                  + " — the number of ballots differs from the one announced: board "
                  + cs.count()
                  + ", announced "
                  + announced.ballots()));
    }
    if (!ClosingStatement.matchesFingerprint(cs.head(), announced.head())) {
      out.add(
          BoardFinding.failed(
              0,
              CheckId.V12,
              "head",
              "dấu vân tay bảng tin khác với dấu vân tay công bố: bảng tin "
                  + cs.headFingerprint()
                  + ", công bố "
                  + announced.head()
                  + " — the head fingerprint differs from the one announced: board "
                  + cs.headFingerprint()
                  + ", announced "
                  + announced.head()));
    }
    return out;
  }

  /**
   * The member's decryption of one named board, once: loads the member's state, checks the closing
   * statement ({@link #closing}), compares it with the announced figures (refusing, naming the
   * figure that differs), verifies and decrypts, and saves (N, T_N) in the sealed state before
   * returning, so that the tool refuses any other board for this poll from then on (the same board
   * again is allowed: its partial may be posted again).
   */
  public static Result decryptOnce(
      MemberIdentity id,
      MemberStateStore store,
      TallyInput in,
      Announced announced,
      SecureRandom rng)
      throws BoardRejectedException {
    Objects.requireNonNull(store, "state store");
    Objects.requireNonNull(announced, "announced figures");
    String pollId = in.manifest().pollId();
    MemberState st =
        store
            .load(pollId)
            .orElseThrow(
                () ->
                    new CommitteeException(
                        CommitteeException.Kind.CONFLICT,
                        "no_share",
                        "this member has no ceremony state for poll " + pollId));
    ClosingStatement cs = closing(st, in);
    List<BoardFinding> differ = compare(cs, announced);
    if (!differ.isEmpty()) {
      throw new BoardRejectedException(differ);
    }
    Result r = decrypt(id, st, in, rng);
    store.save(st);
    return r;
  }

  /**
   * Checks ({@link #closing}) and decrypts; records the decrypted board's (N, T_N) in {@code st}
   * (the caller saves it). Use {@link #decryptOnce} where the member's figures and state store are
   * at hand.
   */
  public static Result decrypt(MemberIdentity id, MemberState st, TallyInput in, SecureRandom rng)
      throws BoardRejectedException {
    Objects.requireNonNull(id, "identity");
    ClosingStatement cs = closing(st, in);
    Digest q = in.context().q();
    int subjects = in.manifest().subjects().size();
    BoardVerifier.verify(
        in.board(), q, st.jointKey(), in.manifest().pollId(), subjects, in.tokenSpki());
    AggregateFile agg = AggregateFile.of(in.board(), subjects);
    Point share = st.publicShare();
    List<DecryptionFile.Share> shares = new ArrayList<>();
    for (AggregateFile.Row r : agg.rows()) {
      for (int j = 0; j < Labels.OPTIONS; j++) {
        String label = Labels.option(r.subject(), j);
        Ciphertext ct = r.options().get(j).ciphertext();
        Point m = st.partialDecryption(ct.alpha());
        DecryptionProof.Statement stmt =
            new DecryptionProof.Statement(q, st.index(), label, share, ct.alpha(), m);
        shares.add(new DecryptionFile.Share(st.index(), label, m, st.proveDecryption(stmt, rng)));
      }
    }
    int count = Math.toIntExact(agg.count());
    byte[] sig =
        id.sign(PartialDecryption.payload(q, st.index(), count, cs.head(), shares).bytes());
    st.recordDecryption(cs.count(), cs.head());
    return new Result(agg, new PartialDecryption(st.index(), count, cs.head(), shares, sig), q, cs);
  }

  private static BoardRejectedException rejected(String field, String message) {
    return new BoardRejectedException(List.of(BoardFinding.failed(0, CheckId.V12, field, message)));
  }
}
