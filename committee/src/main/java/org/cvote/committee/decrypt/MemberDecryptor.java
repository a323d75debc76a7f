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
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.board.BoardCheckV2;
import org.cvote.crypto.board.BoardFinding;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.token.TokenVerifier;

/**
 * A member's decryption (docs/protocol.md §9.2, §9.5). It recomputes Q from the manifest and its
 * own ceremony result, checks the server's closing statement (signed by the record key bound to Q)
 * and that the board ends at it, refuses a board other than the one it already decrypted for this
 * poll, verifies the whole board itself ({@link BoardVerifier}), recomputes the aggregate itself,
 * and only then computes M_{ℓ,λ} = s_ℓ·α_λ with a DLEQ proof for every label s&lt;i&gt;/o&lt;j&gt;
 * (ballot version 2, §16.6: one label s&lt;i&gt; per subject), signing them together with (Q, i, N,
 * T_N). There is deliberately no method that decrypts anything but the aggregate of a verified,
 * closed board.
 */
public final class MemberDecryptor {
  /**
   * The outcome: the aggregate this member computed, the signed partial decryption to post, Q and
   * the closed board.
   */
  public record Result(
      AggregateFile aggregate,
      AggregateFileV2 aggregateV2,
      PartialDecryption partial,
      Digest q,
      ClosingStatement closing) {
    /** A ballot version 1 result. */
    public Result(
        AggregateFile aggregate, PartialDecryption partial, Digest q, ClosingStatement closing) {
      this(aggregate, null, partial, q, closing);
    }

    /** The number of ballots of the aggregate this member decrypted. */
    public long count() {
      return aggregate != null ? aggregate.count() : aggregateV2.count();
    }
  }

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
    if (in.tokenSpki() == null) {
      // §9.2: every token's RSASSA-PSS signature is checked; a server that withholds the key
      // would have the member decrypt a board whose tokens nobody checked
      throw rejected(
          "tokenSpki",
          "máy chủ không gửi khoá mã thông báo — the server sent no token key, so the tokens' signatures cannot be checked");
    }
    if (!Digest.sha256(in.tokenSpki()).equals(c.tokenKeyHash())) {
      throw rejected("tokenKeyHash", "token key does not match its hash in the context");
    }
    // M of the poll's ballot version (§16.1 binds B for version 2), so Q binds the version too
    Digest m = in.manifestHash();
    Digest q =
        new Context(
                m,
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
        || !m.equals(c.manifestHash())) {
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
    int size = in.lines().size();
    if (size != cs.count()) {
      problems.add(
          BoardFinding.failed(
              0,
              CheckId.V12,
              "ballots",
              "bảng tin có "
                  + size
                  + " phiếu, biên bản khoá sổ ghi "
                  + cs.count()
                  + " — the board holds "
                  + size
                  + " ballots; the closing statement says "
                  + cs.count()));
    }
    Digest last = size == 0 ? BallotHashes.chainStart(q) : in.lines().get(size - 1).chain();
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
    if (in.isV2()) {
      return decryptV2(id, st, in, cs, rng);
    }
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

  /**
   * Ballot version 2 (docs/protocol.md §16.6): the whole board checked by crypto's {@link
   * BoardCheckV2} (which refuses N ≥ B before any share is made), then ONE share per subject, label
   * s&lt;i&gt;: M = s_ℓ·α_i with its DLEQ proof, signed in label order s1, s2, ….
   */
  private static Result decryptV2(
      MemberIdentity id, MemberState st, TallyInput in, ClosingStatement cs, SecureRandom rng)
      throws BoardRejectedException {
    Digest q = in.context().q();
    int subjects = in.manifest().subjects().size();
    List<BoardFinding> problems = new ArrayList<>();
    TokenVerifier tokens =
        in.tokenSpki() == null
            ? null
            : BoardVerifier.tokenVerifier(in.tokenSpki(), in.manifest().pollId(), problems);
    BoardCheckV2.Result checked =
        BoardCheckV2.check(
            in.boardV2(),
            q,
            st.jointKey(),
            in.manifest().pollId(),
            subjects,
            in.encoding(),
            tokens);
    problems.addAll(checked.problems());
    if (!problems.isEmpty()) {
      throw new BoardRejectedException(problems);
    }
    List<AggregateFileV2.Row> rows = new ArrayList<>();
    for (int s = 0; s < checked.aggregate().size(); s++) {
      rows.add(AggregateFileV2.Row.of(s + 1, checked.aggregate().get(s)));
    }
    AggregateFileV2 agg = new AggregateFileV2(in.boardV2().size(), rows);
    Point share = st.publicShare();
    List<DecryptionFile.Share> shares = new ArrayList<>();
    for (AggregateFileV2.Row r : agg.rows()) {
      String label = BallotV2.label(r.subject());
      Point m = st.partialDecryption(r.alpha());
      DecryptionProof.Statement stmt =
          new DecryptionProof.Statement(q, st.index(), label, share, r.alpha(), m);
      shares.add(new DecryptionFile.Share(st.index(), label, m, st.proveDecryption(stmt, rng)));
    }
    int count = Math.toIntExact(agg.count());
    byte[] sig =
        id.sign(PartialDecryption.payload(q, st.index(), count, cs.head(), shares).bytes());
    st.recordDecryption(cs.count(), cs.head());
    return new Result(
        null, agg, new PartialDecryption(st.index(), count, cs.head(), shares, sig), q, cs);
  }

  private static BoardRejectedException rejected(String field, String message) {
    return new BoardRejectedException(List.of(BoardFinding.failed(0, CheckId.V12, field, message)));
  }
}
