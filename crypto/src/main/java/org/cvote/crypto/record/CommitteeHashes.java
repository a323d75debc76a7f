package org.cvote.crypto.record;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/** The key-ceremony hashes of docs/protocol.md §8 that committee.json is checked against (V3). */
public final class CommitteeHashes {
  private CommitteeHashes() {}

  /** A member's keys as they enter γ: raw 32-byte X25519 HPKE key and raw 32-byte Ed25519 key. */
  public record MemberKeys(byte[] hpkePublicKey, byte[] signingPublicKey) {
    public MemberKeys {
      Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
      Objects.requireNonNull(signingPublicKey, "signingPublicKey");
    }
  }

  /**
   * γ = H("cvote/v1/ceremony", pollId, I2OSP(n,4), I2OSP(t,4), then per member i = 1..n:
   * I2OSP(i,4), X25519 HPKE public key, Ed25519 public key).
   */
  public static Digest ceremonyId(String pollId, int t, List<MemberKeys> members) {
    Transcript tr = Transcript.of(Tag.CEREMONY).string(pollId).integer(members.size()).integer(t);
    for (int i = 0; i < members.size(); i++) {
      tr.integer(i + 1)
          .bytes(members.get(i).hpkePublicKey())
          .bytes(members.get(i).signingPublicKey());
    }
    return tr.digest();
  }

  /** The step-0 commitment H("cvote/v1/commit", γ, I2OSP(i,4), K_i0, …, K_i,t−1). */
  public static Digest commitHash(Digest ceremonyId, int member, List<Point> commitments) {
    return Transcript.of(Tag.COMMIT).hash(ceremonyId).integer(member).points(commitments).digest();
  }
}
