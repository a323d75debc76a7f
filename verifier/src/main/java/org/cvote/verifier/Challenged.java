package org.cvote.verifier;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;

/**
 * A challenged (cast-or-audit) ballot (docs/protocol.md §7): the booth revealed every choice and every r; anyone
 * re-encrypts each option with its r under K and compares with the ciphertexts shown, checks each row holds at
 * most one mark, and checks the ballot's proofs (bound to Q).
 */
public record Challenged(String poll, @JsonProperty("Q") Digest q, @JsonProperty("K") Point k, Ballot ballot,
                         List<List<Integer>> choices, List<List<Scalar>> randomness) {
    @Override
    @JsonProperty("Q")
    public Digest q() {
        return q;
    }

    @Override
    @JsonProperty("K")
    public Point k() {
        return k;
    }

    /** Problems found; empty when the challenged ballot matches what was revealed. */
    public List<String> check() {
        List<String> out = new ArrayList<>();
        if (!poll.equals(ballot.poll())) {
            out.add("ballot.poll: '" + ballot.poll() + "' differs from poll '" + poll + "'");
        }
        int rows = ballot.rows().size();
        if (choices.size() != rows || randomness.size() != rows) {
            out.add("choices/randomness: expected " + rows + " rows, got " + choices.size() + "/" + randomness.size());
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
                Ciphertext ct = ElGamal.encrypt(k, m, r.get(j));
                Ballot.Option o = row.options().get(j);
                if (!ct.alpha().equals(o.alpha()) || !ct.beta().equals(o.beta())) {
                    out.add("row " + (i + 1) + " option " + j + ": re-encryption of " + m + " with the revealed r differs from the ciphertext shown");
                }
            }
            if (marks > 1) {
                out.add("row " + (i + 1) + ": " + marks + " marks (at most one allowed)");
            }
        }
        if (out.isEmpty()) {
            for (BallotVerifier.Problem p : BallotVerifier.create(q, k, poll, rows).verify(ballot, new SecureRandom())) {
                out.add("ballot." + p.field() + ": " + p.message());
            }
        }
        return out;
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
