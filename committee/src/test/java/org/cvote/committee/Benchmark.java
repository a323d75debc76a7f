package org.cvote.committee;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.threshold.DiscreteLog;

/**
 * Not a test: figures for the closing note. Run with {@code bin/mvn -q -pl committee -am
 * test-compile} then {@code java -cp committee/target/test-classes:committee/target/classes:<deps>
 * org.cvote.committee.Benchmark [ballots]} (see committee/API.md).
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    int ballots = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir = Files.createTempDirectory("cvote-bench");
    // 1. ceremony n = 7, t = 4, in memory, every member's work included
    long t0 = System.nanoTime();
    Fixture f = new Fixture("bench", 7, dir);
    long t1 = System.nanoTime();
    f.coordinator.start(f.pollId, 4);
    List<Progress> last = f.runCeremony(i -> f.transport, 30);
    long t2 = System.nanoTime();
    if (!last.stream().allMatch(Progress::finished)) {
      throw new IllegalStateException("ceremony did not finish: " + last);
    }
    System.out.printf(
        "ceremony n=7 t=4: %.0f ms (plus %.0f ms creating 7 identities)%n",
        (t2 - t1) / 1e6, (t1 - t0) / 1e6);

    // 2. one member's decryption of a 5-subject poll with `ballots` ballots
    int subjects = 5;
    Manifest m = Fixture.manifest(f.pollId, subjects);
    CeremonyResult r = f.coordinator.result(f.pollId);
    byte[] spki = Fixture.tokenKey().getPublic().getEncoded();
    Context ctx =
        Context.of(m, r.n(), r.t(), r.commitments(), r.jointKey(), spki, f.recordSigningKey);
    Digest q = ctx.hash();
    long g0 = System.nanoTime();
    Point k = r.jointKey().precomputed();
    Ballot[] bs = new Ballot[ballots];
    IntStream.range(0, ballots)
        .parallel()
        .forEach(
            i -> {
              int[] choices = new int[subjects];
              for (int s = 0; s < subjects; s++) {
                choices[s] = Fixture.RNG.nextInt(4) - 1;
              }
              bs[i] =
                  BallotEncryptor.encrypt(
                          f.pollId, q, k, Fixture.token(f.pollId), choices, Fixture.RNG)
                      .ballot();
            });
    List<RecordedBallot> board = new ArrayList<>(ballots);
    Digest chain = BallotHashes.chainStart(q);
    for (int i = 0; i < ballots; i++) {
      Digest h = BallotHashes.ballotHash(q, bs[i]);
      chain = BallotHashes.chainNext(chain, h);
      board.add(RecordedBallot.of(bs[i], i + 1, h, chain));
    }
    System.out.printf(
        "(generated %d ballots in %.1f s)%n", ballots, (System.nanoTime() - g0) / 1e9);
    ContextFile ci =
        new ContextFile(
            ctx.manifestHash(),
            r.n(),
            r.t(),
            r.jointKey(),
            ctx.tokenKeyHash(),
            ctx.signingKeyHash(),
            q);
    TallyInput in = Fixture.closed(m, ci, spki, board, f.recordPrivateKey);
    long d0 = System.nanoTime();
    MemberDecryptor.Result res = MemberDecryptor.decrypt(f.ids.get(0), f.state(1), in, Fixture.RNG);
    long d1 = System.nanoTime();
    System.out.printf(
        "one member's decryption of %d x %d-subject ballots (verify tokens, chain, %d proofs; aggregate; %d DLEQ): %.1f s on %d cores%n",
        ballots,
        subjects,
        ballots * subjects * 4,
        res.partial().shares().size(),
        (d1 - d0) / 1e9,
        Runtime.getRuntime().availableProcessors());

    // 3. BSGS over [0, 10^6]
    long bound = 1_000_000;
    Point target = Point.baseMul(bound - 1);
    long b0 = System.nanoTime();
    long found = DiscreteLog.solve(target, bound);
    long b1 = System.nanoTime();
    System.out.printf("BSGS up to 10^6 (worst case m = %d): %.0f ms%n", found, (b1 - b0) / 1e6);
  }
}
