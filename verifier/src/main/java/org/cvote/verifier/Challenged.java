package org.cvote.verifier;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;

/**
 * A challenged (cast-or-audit) ballot (docs/protocol.md §7): the booth revealed every choice and
 * every r; anyone re-encrypts each option with its r under K and compares with the ciphertexts
 * shown, checks each row holds at most one mark, and checks the ballot's proofs (bound to Q). Q and
 * K come from the published poll ({@link PublishedPoll}), never from the file (a dishonest booth
 * writes the file); the file's own Q and K, when present, must equal them. The ballot hash B
 * recomputed from the revealed ciphertexts ties the file to what the booth showed before the
 * challenge (the voter noted B or its fingerprint): a booth that answers the challenge with a
 * fresh, honest encryption gives another B.
 */
public record Challenged(
    String poll,
    @JsonProperty("Q") Digest q,
    @JsonProperty("K") Point k,
    Ballot ballot,
    List<List<Integer>> choices,
    List<List<Scalar>> randomness) {
  /**
   * Problems found against the published poll; empty when the challenged ballot matches what was
   * revealed.
   */
  public List<String> check(PublishedPoll published) {
    List<String> out = new ArrayList<>();
    if (ballot == null || choices == null || randomness == null) {
      out.add("the file must hold ballot, choices and randomness");
      return out;
    }
    if (published.encoding() != null) {
      // no downgrade: a booth that shows a version 1 ballot for a version 2 poll must not pass its
      // audit (§16.8, §16.9)
      out.add(
          "ballotVersion: the published poll is ballot version 2 (B = "
              + published.encoding().base()
              + "); this is a version 1 challenged ballot (docs/protocol.md §16.8)");
      return out;
    }
    String binding =
        ChallengeBinding.bindingProblem(
            published,
            poll,
            q,
            k,
            " (the file belongs to another poll, or the booth used a Q that is not this poll's)");
    if (binding != null) {
      out.add(binding);
      return out;
    }
    Digest qq = published.q();
    Point kk = published.k();
    String rowsProblem = ChallengeBinding.rowsProblem(published, ballot.rows().size());
    if (rowsProblem != null) {
      out.add(rowsProblem);
      return out;
    }
    String pollProblem = ChallengeBinding.ballotPollProblem(poll, ballot.poll());
    if (pollProblem != null) {
      out.add(pollProblem);
    }
    int rows = ballot.rows().size();
    String sizes =
        ChallengeBinding.revealedSizeProblem(
            "choices/randomness", rows, choices.size(), randomness.size());
    if (sizes != null) {
      out.add(sizes);
      return out;
    }
    for (int i = 0; i < rows; i++) {
      Ballot.Row row = ballot.rows().get(i);
      List<Integer> c = choices.get(i);
      List<Scalar> r = randomness.get(i);
      if (c.size() != 3 || r.size() != 3 || row.options().size() != 3) {
        out.add("row " + (i + 1) + ": expected 3 options, choices and r");
        continue;
      }
      int marks = 0;
      for (int j = 0; j < 3; j++) {
        Integer m = c.get(j);
        if (m == null || (m != 0 && m != 1)) {
          out.add("row " + (i + 1) + " option " + j + ": choice must be 0 or 1, got " + m);
          continue;
        }
        marks += m;
        if (r.get(j).isZero()) {
          out.add("row " + (i + 1) + " option " + j + ": r must not be 0");
          continue;
        }
        Ciphertext ct = ElGamal.encrypt(kk, m, r.get(j));
        Ballot.Option o = row.options().get(j);
        if (!ct.alpha().equals(o.alpha()) || !ct.beta().equals(o.beta())) {
          out.add(
              "row "
                  + (i + 1)
                  + " option "
                  + j
                  + ": re-encryption of "
                  + m
                  + " with the revealed r differs from the ciphertext shown");
        }
      }
      if (marks > 1) {
        out.add("row " + (i + 1) + ": " + marks + " marks (at most one allowed)");
      }
    }
    if (out.isEmpty()) {
      ChallengeBinding.addProofProblems(
          out, BallotVerifier.create(qq, kk, poll, rows).verify(ballot, new SecureRandom()));
    }
    return out;
  }

  /** B = H(Q, SHA-256(token message), rows) of the revealed ballot under the published Q (§7). */
  public Digest ballotHash(PublishedPoll published) {
    return BallotHashes.ballotHash(published.q(), ballot);
  }

  /**
   * The ballot hash's fingerprint, shown by the booth next to B: the first 10 bytes of B in base32,
   * in groups of four (the tracking code's form, docs/protocol.md §7.6).
   */
  public static String fingerprint(Digest ballotHash) {
    return BallotHashes.trackingCode(ballotHash);
  }

  /**
   * What the voter noted, normalised: the 64-hex ballot hash (any case, spaces or dashes between
   * groups) or its 16-character fingerprint. Returns the lowercase hex or the canonical fingerprint
   * XXXX-XXXX-XXXX-XXXX.
   */
  public static String expected(String noted) {
    String s = noted.replaceAll("[\\s:-]", "");
    if (s.matches("(?i)[0-9a-f]{64}")) {
      return s.toLowerCase(Locale.ROOT);
    }
    String f = s.toUpperCase(Locale.ROOT);
    if (f.matches("[A-Z2-7]{16}")) {
      return f.substring(0, 4)
          + "-"
          + f.substring(4, 8)
          + "-"
          + f.substring(8, 12)
          + "-"
          + f.substring(12);
    }
    throw new IllegalArgumentException(
        "--expect-hash: give the ballot hash (64 hex digits) or its fingerprint"
            + " (16 characters A–Z, 2–7, as XXXX-XXXX-XXXX-XXXX), got '"
            + noted
            + "'");
  }

  /** True when the noted value ({@link #expected} form) is this hash or its fingerprint. */
  public static boolean matches(String expected, Digest ballotHash) {
    return expected.length() == 64
        ? expected.equals(ballotHash.toHex())
        : expected.equals(fingerprint(ballotHash));
  }

  /** What the voter chose, in words, per row: HIGH, MID, LOW or blank. */
  public List<String> revealed() {
    List<String> out = new ArrayList<>();
    String[] names = {"HIGH (Tín nhiệm cao)", "MID (Tín nhiệm)", "LOW (Tín nhiệm thấp)"};
    for (List<Integer> c : choices) {
      String w = "blank";
      for (int j = 0; j < Math.min(3, c.size()); j++) {
        if (Integer.valueOf(1).equals(c.get(j))) {
          w = names[j];
        }
      }
      out.add(w);
    }
    return out;
  }
}
