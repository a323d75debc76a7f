package org.cvote.crypto.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * A member's signature over its partial decryption of one closed board, as kept in
 * decryption.json's "partials" from record version 2 (docs/protocol.md §9.5): the member's Ed25519
 * key (committee.json) over P = H("cvote/v1/partial", Q, I2OSP(i,4), I2OSP(N,4), T_N, then per
 * share of member i in order: label, M, a, b, c, v).
 */
@JsonPropertyOrder({"member", "count", "head", "signature"})
public record PartialSignature(int member, long count, Digest head, byte[] signature) {
  public PartialSignature {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(signature, "signature");
    if (member < 1) {
      throw new IllegalArgumentException(
          "invalid member: members are numbered from 1, got " + member);
    }
    if (count < 0 || count > 0xffffffffL) {
      throw new IllegalArgumentException("invalid count: must be in [0, 2^32 − 1], got " + count);
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * P: what member i signs for the shares it posts (labels in aggregate order, as in
   * decryption.json).
   */
  public static Digest payload(
      Digest q, int member, long count, Digest head, List<DecryptionFile.Share> shares) {
    Transcript h = Transcript.of(Tag.PARTIAL).hash(q).integer(member).integer(count).hash(head);
    for (DecryptionFile.Share s : shares) {
      h.string(s.label())
          .point(s.m())
          .point(s.proof().a())
          .point(s.proof().b())
          .scalar(s.proof().c())
          .scalar(s.proof().v());
    }
    return h.digest();
  }
}
