package org.cvote.tools.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.BatchVerifier;

/**
 * Ballot version 1 against version 2 (docs/protocol.md §16) on this machine, for 5-subject ballots,
 * from one run: encrypt + prove per ballot, JSON bytes per ballot, and proof verification per
 * ballot singly and batched over many ballots (what the verifier and the committee do). A
 * benchmark: it prints figures and asserts none. Run: {@code java -cp …
 * org.cvote.crypto.bench.BallotV2Bench [ballots]}.
 */
public final class BallotV2Bench {
  /** The figures of one run (ms per ballot, ballots/s, bytes). */
  public record Figures(
      int subjects,
      int ballots,
      double encryptV1Ms,
      double encryptV2Ms,
      long bytesV1,
      long bytesV2,
      double singleV1Ms,
      double singleV2Ms,
      double batchedV1PerS,
      double batchedV2PerS) {
    public void print() {
      System.out.printf(
          Locale.ROOT, "ballot v1 vs v2, %d subjects, %d ballots%n", subjects, ballots);
      System.out.printf(
          Locale.ROOT,
          "%-44s %10.2f %10.2f%n",
          "encrypt + prove, ms/ballot (v1, v2)",
          encryptV1Ms,
          encryptV2Ms);
      System.out.printf(
          Locale.ROOT, "%-44s %10d %10d%n", "ballot JSON bytes (v1, v2)", bytesV1, bytesV2);
      System.out.printf(
          Locale.ROOT,
          "%-44s %10.2f %10.2f%n",
          "verify one ballot alone, ms (v1, v2)",
          singleV1Ms,
          singleV2Ms);
      System.out.printf(
          Locale.ROOT,
          "%-44s %10.0f %10.0f%n",
          "verify batched, ballots/s, 1 thread (v1, v2)",
          batchedV1PerS,
          batchedV2PerS);
      System.out.printf(
          Locale.ROOT,
          "%-44s %10.2fx%n",
          "v2 speed-up, batched verification",
          batchedV2PerS / batchedV1PerS);
    }
  }

  private BallotV2Bench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    run(5, n).print();
  }

  public static Figures run(int subjects, int n) {
    SecureRandom rng = new SecureRandom();
    Point k = Point.baseMul(Scalar.random(rng)).precomputed();
    Digest q = Digest.sha256(new byte[] {7});
    EncodingV2 enc = EncodingV2.forSummoned(500);
    List<int[]> choices = new ArrayList<>();
    List<Ballot.Token> tokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] c = new int[subjects];
      for (int s = 0; s < subjects; s++) {
        c[s] = rng.nextInt(4) - 1;
      }
      choices.add(c);
      byte[] msg = new byte[32 + 14 + 2 + 12 + 32];
      byte[] sig = new byte[384];
      rng.nextBytes(msg);
      rng.nextBytes(sig);
      tokens.add(new Ballot.Token(msg, sig));
    }
    // warm-up of both paths
    for (int i = 0; i < Math.min(50, n); i++) {
      BallotEncryptor.encrypt("bench-poll-1", q, k, tokens.get(i), choices.get(i), rng);
      BallotV2Encryptor.encrypt("bench-poll-1", q, k, enc, tokens.get(i), choices.get(i), rng);
    }
    List<Ballot> v1 = new ArrayList<>(n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      v1.add(
          BallotEncryptor.encrypt("bench-poll-1", q, k, tokens.get(i), choices.get(i), rng)
              .ballot());
    }
    double encV1 = (System.nanoTime() - t0) / 1e6 / n;
    List<BallotV2> v2 = new ArrayList<>(n);
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      v2.add(
          BallotV2Encryptor.encrypt("bench-poll-1", q, k, enc, tokens.get(i), choices.get(i), rng)
              .ballot());
    }
    double encV2 = (System.nanoTime() - t0) / 1e6 / n;
    long bytesV1 = json(v1.get(0));
    long bytesV2 = json(v2.get(0));

    BallotVerifier ver1 = BallotVerifier.create(q, k, "bench-poll-1", subjects);
    BallotV2Verifier ver2 = BallotV2Verifier.create(q, k, "bench-poll-1", subjects, enc);
    int singles = Math.min(n, 100);
    t0 = System.nanoTime();
    for (int i = 0; i < singles; i++) {
      require(ver1.verify(v1.get(i), rng).isEmpty());
    }
    double single1 = (System.nanoTime() - t0) / 1e6 / singles;
    t0 = System.nanoTime();
    for (int i = 0; i < singles; i++) {
      require(ver2.verify(v2.get(i), rng).isEmpty());
    }
    double single2 = (System.nanoTime() - t0) / 1e6 / singles;

    double batched1 =
        batched(
            n,
            i -> {
              BatchVerifier<Integer> b = new BatchVerifier<>(rng);
              for (int j = 0; j < n; j++) {
                final int idx = j;
                ver1.addProofs(
                    v1.get(j), BallotHashes.tokenHash(v1.get(j).token().msg()), b, f -> idx);
              }
              return b.failures().isEmpty();
            });
    double batched2 =
        batched(
            n,
            i -> {
              BatchVerifier<Integer> b = new BatchVerifier<>(rng);
              for (int j = 0; j < n; j++) {
                final int idx = j;
                ver2.addProofs(
                    v2.get(j), BallotHashes.tokenHash(v2.get(j).token().msg()), b, f -> idx);
              }
              return b.failures().isEmpty();
            });
    return new Figures(
        subjects, n, encV1, encV2, bytesV1, bytesV2, single1, single2, batched1, batched2);
  }

  private static double batched(int n, Function<Integer, Boolean> run) {
    require(run.apply(0)); // warm-up
    long t0 = System.nanoTime();
    require(run.apply(1));
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static long json(Object ballot) {
    try {
      return ProtocolJson.mapper()
          .writeValueAsString(ballot)
          .getBytes(StandardCharsets.UTF_8)
          .length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void require(boolean ok) {
    if (!ok) {
      throw new IllegalStateException(
          "an honest ballot did not verify: the figures would be meaningless");
    }
  }
}
