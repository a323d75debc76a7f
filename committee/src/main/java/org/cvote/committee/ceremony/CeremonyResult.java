package org.cvote.committee.ceremony;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * The public outcome of a finished ceremony: what the server needs for Q (§3: n, t, every K_ij, K)
 * and for the tally (every member's public share S_ℓ and signing key).
 */
public record CeremonyResult(
    Digest ceremonyId,
    int n,
    int t,
    List<List<Point>> commitments,
    Point jointKey,
    List<Point> publicShares,
    List<byte[]> signingKeys) {
  public CeremonyResult {
    Objects.requireNonNull(ceremonyId, "ceremonyId");
    Objects.requireNonNull(jointKey, "jointKey");
    commitments = commitments.stream().map(List::copyOf).toList();
    publicShares = List.copyOf(publicShares);
    signingKeys = List.copyOf(signingKeys);
  }

  /** S_ℓ for member ℓ (1-based). */
  public Point publicShare(int member) {
    return publicShares.get(member - 1);
  }

  public byte[] signingKey(int member) {
    return signingKeys.get(member - 1).clone();
  }
}
