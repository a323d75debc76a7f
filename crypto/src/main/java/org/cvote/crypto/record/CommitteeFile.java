package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.SchnorrProof;

/**
 * committee.json (docs/protocol.md §8, §10): the ceremony id γ and, per member in index order, its
 * public keys (raw 32-byte keys and the Tink public keysets that must carry the same material), the
 * step-0 commit hash, the Feldman commitments K_i0..K_i,t−1 with their Schnorr proofs, and the
 * public share S_i.
 */
@JsonPropertyOrder({"ceremonyId", "members"})
public record CommitteeFile(Digest ceremonyId, List<Member> members) {
  public CommitteeFile {
    Objects.requireNonNull(ceremonyId, "ceremonyId");
    Objects.requireNonNull(members, "members");
    members = List.copyOf(members);
  }

  @JsonPropertyOrder({
    "index",
    "name",
    "hpkePublicKey",
    "signingPublicKey",
    "hpkeKeyset",
    "signingKeyset",
    "commitHash",
    "commitments",
    "proofs",
    "publicShare"
  })
  public record Member(
      int index,
      String name,
      byte[] hpkePublicKey,
      byte[] signingPublicKey,
      ObjectNode hpkeKeyset,
      ObjectNode signingKeyset,
      Digest commitHash,
      List<Point> commitments,
      List<SchnorrProof> proofs,
      Point publicShare) {
    public Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
      Objects.requireNonNull(signingPublicKey, "signingPublicKey");
      Objects.requireNonNull(hpkeKeyset, "hpkeKeyset");
      Objects.requireNonNull(signingKeyset, "signingKeyset");
      Objects.requireNonNull(commitHash, "commitHash");
      Objects.requireNonNull(commitments, "commitments");
      Objects.requireNonNull(proofs, "proofs");
      Objects.requireNonNull(publicShare, "publicShare");
      hpkePublicKey = hpkePublicKey.clone();
      signingPublicKey = signingPublicKey.clone();
      commitments = List.copyOf(commitments);
      proofs = List.copyOf(proofs);
    }

    @Override
    public byte[] hpkePublicKey() {
      return hpkePublicKey.clone();
    }

    @Override
    public byte[] signingPublicKey() {
      return signingPublicKey.clone();
    }
  }
}
