package org.cvote.committee.ceremony;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cvote.crypto.encoding.Bytes;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/** The hashes of docs/protocol.md §8 that both the members and the coordinator compute. */
public final class CeremonyMath {
  public static final String SHARE_INFO = "cvote/v1/share";

  private CeremonyMath() {}

  /**
   * γ = H("cvote/v1/ceremony", pollId, I2OSP(n,4), I2OSP(t,4), per member: I2OSP(i,4), X25519 key,
   * Ed25519 key).
   */
  public static Digest ceremonyId(String pollId, int t, List<Member> members) {
    Transcript tr = Transcript.of(Tag.CEREMONY).string(pollId).integer(members.size()).integer(t);
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (m.index() != i + 1) {
        throw new IllegalArgumentException("members must be indexed 1..n in order");
      }
      tr.integer(m.index()).bytes(m.hpkePublicKey()).bytes(m.signingPublicKey());
    }
    return tr.digest();
  }

  /** H("cvote/v1/commit", γ, I2OSP(i,4), K_i0, …, K_i,t−1). */
  public static Digest commitHash(Digest ceremonyId, int member, List<Point> commitments) {
    return Transcript.of(Tag.COMMIT).hash(ceremonyId).integer(member).points(commitments).digest();
  }

  /** HPKE context info "cvote/v1/share" ‖ γ ‖ I2OSP(i,4) ‖ I2OSP(ℓ,4). */
  public static byte[] shareInfo(Digest ceremonyId, int from, int to) {
    return Bytes.concat(
        SHARE_INFO.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        ceremonyId.bytes(),
        Bytes.i2osp(from, 4),
        Bytes.i2osp(to, 4));
  }

  /**
   * The transcript every member confirms (step 5): H("cvote/v1/transcript", γ, every commit hash (i
   * = 1..n), every commitment K_ij (i = 1..n, j = 0..t−1), every share ciphertext in (i, ℓ) order,
   * K).
   */
  public static Digest transcript(
      Digest ceremonyId,
      List<Digest> commitHashes,
      List<List<Point>> commitments,
      List<EncryptedShare> shares,
      Point jointKey) {
    Transcript tr = Transcript.of(Tag.TRANSCRIPT).hash(ceremonyId);
    commitHashes.forEach(tr::hash);
    commitments.forEach(tr::points);
    List<EncryptedShare> sorted = new ArrayList<>(shares);
    sorted.sort(Comparator.comparingInt(EncryptedShare::from).thenComparingInt(EncryptedShare::to));
    for (EncryptedShare s : sorted) {
      tr.bytes(s.ciphertext());
    }
    return tr.point(jointKey).digest();
  }
}
