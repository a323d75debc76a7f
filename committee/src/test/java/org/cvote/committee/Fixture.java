package org.cvote.committee;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.InMemoryCeremonyStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.MemberStateStore;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.ceremony.SealedFileStateStore;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.identity.KdfParams;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.Vault;
import org.cvote.committee.transport.CommitteeTransport;
import org.cvote.committee.transport.InMemoryTransport;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.encoding.Bytes;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.RecordSignature;

/** An in-memory committee of n members, a coordinator, and a poll with real tokens and ballots. */
public final class Fixture {
  public static final SecureRandom RNG = new SecureRandom();
  private static KeyPair tokenKey;

  public final String pollId;
  public final InMemoryCeremonyStore store = new InMemoryCeremonyStore();
  public final CeremonyCoordinator coordinator = new CeremonyCoordinator(store);
  public final InMemoryTransport transport = new InMemoryTransport(coordinator);
  public final List<MemberIdentity> ids = new ArrayList<>();
  public final List<MemberStateStore> stores = new ArrayList<>();

  /**
   * The server's record key: the Ed25519 seed (signs closing statements) and its public key (bound
   * to Q).
   */
  public final byte[] recordPrivateKey = new byte[32];

  public final byte[] recordSigningKey;

  public Fixture(String pollId, int n, Path dir) {
    this.pollId = pollId;
    RNG.nextBytes(recordPrivateKey);
    recordSigningKey = RecordSignature.publicKey(recordPrivateKey);
    for (int i = 1; i <= n; i++) {
      MemberIdentity id = MemberIdentity.generate("Thành viên " + i);
      ids.add(id);
      Vault v = Vault.unlock(("passphrase-" + i).toCharArray(), KdfParams.withCost(1024, 1, RNG));
      stores.add(new SealedFileStateStore(dir.resolve("m" + i), v));
      transport.register(pollId, Registration.create(pollId, id, store.invite(pollId, id.name())));
    }
  }

  public MemberCeremony member(int i, CommitteeTransport via) {
    return new MemberCeremony(ids.get(i - 1), stores.get(i - 1), via, pollId, RNG, elected);
  }

  /**
   * The list the fixture's members confirm (docs/protocol.md §8.7): any of the fixture's
   * identities, in their order (tests restart without some of them), any t. Tests of the
   * confirmation itself use {@link #member(int, CommitteeTransport, ListConfirmation)}.
   */
  public final ListConfirmation elected =
      (served, list) ->
          ListConfirmation.amongElected(ids.stream().map(MemberIdentity::fingerprint).toList(), 0)
              .confirm(served, list);

  public MemberCeremony member(int i, CommitteeTransport via, ListConfirmation confirmation) {
    return new MemberCeremony(ids.get(i - 1), stores.get(i - 1), via, pollId, RNG, confirmation);
  }

  /**
   * Runs all members round-robin, each step with a fresh object (a crash and restart between every
   * step).
   */
  public List<Progress> runCeremony(
      Function<Integer, CommitteeTransport> transports, int maxRounds) {
    List<Progress> last = new ArrayList<>();
    for (int round = 0; round < maxRounds; round++) {
      last.clear();
      boolean allFinished = true;
      boolean anyFailed = false;
      for (int i = 1; i <= coordinator.view(pollId).n(); i++) {
        Progress p = member(memberSlot(i), transports.apply(memberSlot(i))).step();
        last.add(p);
        allFinished &= p.finished();
        anyFailed |= p.failed();
      }
      if (allFinished || anyFailed) {
        return last;
      }
    }
    return last;
  }

  /** Fixture slot (1-based, into ids) of the member with index i in the current attempt. */
  public int memberSlot(int index) {
    byte[] key = coordinator.view(pollId).members().get(index - 1).signingPublicKey();
    for (int k = 0; k < ids.size(); k++) {
      if (java.util.Arrays.equals(ids.get(k).signingPublicKey(), key)) {
        return k + 1;
      }
    }
    throw new IllegalStateException();
  }

  public List<Progress> runCeremony() {
    return runCeremony(i -> transport, 20);
  }

  public MemberState state(int slot) {
    return stores.get(slot - 1).load(pollId).orElseThrow();
  }

  public static Manifest manifest(String pollId, int subjects) {
    List<Manifest.Subject> s = new ArrayList<>();
    for (int i = 1; i <= subjects; i++) {
      s.add(
          new Manifest.Subject(
              i, "Nguyễn Văn " + (char) ('A' + i - 1), "Phó Giám đốc", "Sở Tài chính"));
    }
    return new Manifest(pollId, "Lấy phiếu tín nhiệm 2026", s);
  }

  public static synchronized KeyPair tokenKey() {
    if (tokenKey == null) {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), RNG);
        tokenKey = g.generateKeyPair();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return tokenKey;
  }

  /** A finalized token as the booth would hold it (RSASSA-PSS over the prepared message, §13). */
  public static Ballot.Token token(String pollId) {
    try {
      byte[] poll = pollId.getBytes(StandardCharsets.UTF_8);
      byte[] r1 = new byte[32];
      byte[] r2 = new byte[32];
      RNG.nextBytes(r1);
      RNG.nextBytes(r2);
      byte[] msg =
          Bytes.concat(
              r1,
              "cvote/v1/token".getBytes(StandardCharsets.US_ASCII),
              Bytes.i2osp(poll.length, 2),
              poll,
              r2);
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
      s.initSign(tokenKey().getPrivate(), RNG);
      s.update(msg);
      return new Ballot.Token(msg, s.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The closed poll: context from the finished ceremony, ballots with the given choices, chained.
   */
  public record Poll(
      Manifest manifest,
      ContextFile context,
      Digest q,
      List<RecordedBallot> board,
      long[][] truth,
      TallyInput input) {}

  public Poll poll(int subjects, int ballots) {
    return poll(coordinator, pollId, recordPrivateKey, subjects, ballots);
  }

  /**
   * A board as the server serves it after the close: {@code board} with the record key's public key
   * and a closing statement the record key signs for exactly that board (a dishonest server can
   * sign one for any board it builds).
   */
  public static TallyInput closed(
      Manifest m,
      ContextFile ci,
      byte[] spki,
      List<RecordedBallot> board,
      byte[] recordPrivateKey) {
    Digest head =
        board.isEmpty() ? BallotHashes.chainStart(ci.q()) : board.get(board.size() - 1).chain();
    ClosingStatement cs =
        ClosingStatement.sign(
            m.pollId(), ci.q(), board.size(), head, d -> RecordSignature.sign(recordPrivateKey, d));
    return new TallyInput(m, ci, spki, board, RecordSignature.publicKey(recordPrivateKey), cs);
  }

  /**
   * The poll's board and context with a closing statement signed by {@code recordPrivateKey} (a
   * 32-byte Ed25519 seed).
   */
  public static Poll poll(
      CeremonyCoordinator coordinator,
      String pollId,
      byte[] recordPrivateKey,
      int subjects,
      int ballots) {
    byte[] recordSigningKey = RecordSignature.publicKey(recordPrivateKey);
    Manifest m = manifest(pollId, subjects);
    CeremonyResult r = coordinator.result(pollId);
    byte[] spki = tokenKey().getPublic().getEncoded();
    Context ctx =
        Context.of(m, r.n(), r.t(), r.commitments(), r.jointKey(), spki, recordSigningKey);
    Digest q = ctx.hash();
    ContextFile ci =
        new ContextFile(
            ctx.manifestHash(),
            r.n(),
            r.t(),
            r.jointKey(),
            ctx.tokenKeyHash(),
            ctx.signingKeyHash(),
            q);
    long[][] truth = new long[subjects][3];
    List<RecordedBallot> board = new ArrayList<>();
    Digest chain = BallotHashes.chainStart(q);
    for (int k = 1; k <= ballots; k++) {
      int[] choices = new int[subjects];
      for (int s = 0; s < subjects; s++) {
        int c = RNG.nextInt(5) == 0 ? BallotEncryptor.BLANK : RNG.nextInt(3);
        choices[s] = c;
        if (c != BallotEncryptor.BLANK) {
          truth[s][c]++;
        }
      }
      Ballot b =
          BallotEncryptor.encrypt(pollId, q, r.jointKey(), token(pollId), choices, RNG).ballot();
      Digest h = BallotHashes.ballotHash(q, b);
      chain = BallotHashes.chainNext(chain, h);
      board.add(RecordedBallot.of(b, k, h, chain));
    }
    return new Poll(m, ci, q, board, truth, closed(m, ci, spki, board, recordPrivateKey));
  }

  /**
   * A closed ballot version 2 poll (docs/protocol.md §16): M with B, Q over it, v2 ballots chained
   * with §16.5's B_k.
   */
  public record PollV2(
      Manifest manifest,
      EncodingV2 encoding,
      ContextFile context,
      Digest q,
      List<RecordedBallotV2> board,
      long[][] truth,
      TallyInput input) {}

  /** A version 2 poll of {@code summoned} voters (B = summoned + 1) and this member committee. */
  public PollV2 pollV2(int subjects, int ballots, int summoned) {
    return pollV2(coordinator, pollId, recordPrivateKey, subjects, ballots, summoned);
  }

  public static PollV2 pollV2(
      CeremonyCoordinator coordinator,
      String pollId,
      byte[] recordPrivateKey,
      int subjects,
      int ballots,
      int summoned) {
    EncodingV2 enc = EncodingV2.forSummoned(summoned);
    Manifest m = manifest(pollId, subjects);
    CeremonyResult r = coordinator.result(pollId);
    byte[] spki = tokenKey().getPublic().getEncoded();
    Context ctx =
        new Context(
            enc.manifestHash(m),
            r.n(),
            r.t(),
            r.commitments(),
            r.jointKey(),
            Digest.sha256(spki),
            Digest.sha256(RecordSignature.publicKey(recordPrivateKey)));
    Digest q = ctx.hash();
    ContextFile ci = ContextFile.of(ctx);
    long[][] truth = new long[subjects][3];
    List<RecordedBallotV2> board = new ArrayList<>();
    Digest chain = BallotHashes.chainStart(q);
    for (int k = 1; k <= ballots; k++) {
      int[] choices = new int[subjects];
      for (int s = 0; s < subjects; s++) {
        int c = RNG.nextInt(5) == 0 ? BallotEncryptor.BLANK : RNG.nextInt(3);
        choices[s] = c;
        if (c != BallotEncryptor.BLANK) {
          truth[s][c]++;
        }
      }
      BallotV2 b =
          BallotV2Encryptor.encrypt(pollId, q, r.jointKey(), enc, token(pollId), choices, RNG)
              .ballot();
      Digest h = b.hash(q);
      chain = BallotHashes.chainNext(chain, h);
      board.add(RecordedBallotV2.of(b, k, h, chain));
    }
    return new PollV2(
        m, enc, ci, q, board, truth, closedV2(m, enc, ci, spki, board, recordPrivateKey));
  }

  /** {@link #closed} for a version 2 board. */
  public static TallyInput closedV2(
      Manifest m,
      EncodingV2 enc,
      ContextFile ci,
      byte[] spki,
      List<RecordedBallotV2> board,
      byte[] recordPrivateKey) {
    Digest head =
        board.isEmpty() ? BallotHashes.chainStart(ci.q()) : board.get(board.size() - 1).chain();
    ClosingStatement cs =
        ClosingStatement.sign(
            m.pollId(), ci.q(), board.size(), head, d -> RecordSignature.sign(recordPrivateKey, d));
    return TallyInput.v2(m, enc, ci, spki, board, RecordSignature.publicKey(recordPrivateKey), cs);
  }
}
