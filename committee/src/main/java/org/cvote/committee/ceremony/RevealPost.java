package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.proof.SchnorrProof;

/** Step 1: member i's commitments K_ij = a_ij·G with a Schnorr proof for each, signed. */
@JsonPropertyOrder({"member", "commitments", "proofs", "signature"})
public record RevealPost(
    int member, List<Point> commitments, List<SchnorrProof> proofs, byte[] signature) {
  public RevealPost {
    Objects.requireNonNull(commitments, "commitments");
    Objects.requireNonNull(proofs, "proofs");
    Objects.requireNonNull(signature, "signature");
    commitments = List.copyOf(commitments);
    proofs = List.copyOf(proofs);
  }

  public boolean sameAs(RevealPost o) {
    return o.member == member && o.commitments.equals(commitments) && o.proofs.equals(proofs);
  }
}
