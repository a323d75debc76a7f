package org.cvote.committee.ceremony;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;
import org.cvote.crypto.proof.SchnorrProof;

/**
 * What each signed committee post signs: a hash with a purpose tag, so a signature for one message
 * can never be replayed as another. The Ed25519 signature is over the 32 bytes of this hash.
 * (Documented in committee/API.md.)
 */
public final class Posts {
  private Posts() {}

  /** H("cvote/v1/post/join", pollId, name, X25519 key, Ed25519 key). */
  public static Digest join(
      String pollId, String name, byte[] hpkePublicKey, byte[] signingPublicKey) {
    return Transcript.of(Tag.POST_JOIN)
        .bytes(pollId.getBytes(StandardCharsets.UTF_8))
        .bytes(name.getBytes(StandardCharsets.UTF_8))
        .bytes(hpkePublicKey)
        .bytes(signingPublicKey)
        .digest();
  }

  /** H("cvote/v1/post/commit", γ, I2OSP(i,4), commitHash). */
  public static Digest commit(Digest ceremonyId, int member, Digest commitHash) {
    return Transcript.of(Tag.POST_COMMIT)
        .hash(ceremonyId)
        .integer(member)
        .hash(commitHash)
        .digest();
  }

  /** H("cvote/v1/post/reveal", γ, I2OSP(i,4), K_i0 … K_i,t−1, then h, c, v of each proof). */
  public static Digest reveal(
      Digest ceremonyId, int member, List<Point> commitments, List<SchnorrProof> proofs) {
    Transcript h = Transcript.of(Tag.POST_REVEAL).hash(ceremonyId).integer(member);
    commitments.forEach(h::point);
    for (SchnorrProof p : proofs) {
      h.point(p.h()).scalar(p.c()).scalar(p.v());
    }
    return h.digest();
  }

  /** H("cvote/v1/post/share", γ, I2OSP(i,4), I2OSP(ℓ,4), ciphertext). */
  public static Digest share(Digest ceremonyId, int from, int to, byte[] ciphertext) {
    return Transcript.of(Tag.POST_SHARE)
        .hash(ceremonyId)
        .integer(from)
        .integer(to)
        .bytes(ciphertext)
        .digest();
  }

  /** H("cvote/v1/post/complaint", γ, I2OSP(i,4), I2OSP(accused,4), reason). */
  public static Digest complaint(Digest ceremonyId, int member, int accused, String reason) {
    return Transcript.of(Tag.POST_COMPLAINT)
        .hash(ceremonyId)
        .integer(member)
        .integer(accused)
        .bytes(reason.getBytes(StandardCharsets.UTF_8))
        .digest();
  }

  /**
   * H("cvote/v1/post/answer", γ, I2OSP(i,4), I2OSP(ℓ,4), I2OSP(P_i(ℓ),32)): the accused i answers
   * ℓ's complaint (§8.8).
   */
  public static Digest answer(
      Digest ceremonyId, int member, int complainant, org.cvote.crypto.group.Scalar share) {
    return Transcript.of(Tag.POST_ANSWER)
        .hash(ceremonyId)
        .integer(member)
        .integer(complainant)
        .scalar(share)
        .digest();
  }

  /** H("cvote/v1/post/confirm", γ, I2OSP(i,4), transcript hash). */
  public static Digest confirm(Digest ceremonyId, int member, Digest transcript) {
    return Transcript.of(Tag.POST_CONFIRM)
        .hash(ceremonyId)
        .integer(member)
        .hash(transcript)
        .digest();
  }
}
