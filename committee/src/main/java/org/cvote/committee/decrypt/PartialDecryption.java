package org.cvote.committee.decrypt;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.PartialSignature;

/**
 * What a member posts after close: its partial decryption of every aggregate label, for the closed
 * board of {@code count} ballots ending at chain value {@code head} (the closing statement's N and
 * T_N), signed over P = H("cvote/v1/partial", Q, I2OSP(i,4), I2OSP(N,4), T_N, per share: label, M,
 * a, b, c, v) (docs/protocol.md §9.5). The signature goes into the record (decryption.json
 * "partials").
 */
@JsonPropertyOrder({"member", "count", "head", "shares", "signature"})
public record PartialDecryption(
    int member, int count, Digest head, List<DecryptionFile.Share> shares, byte[] signature) {
  public PartialDecryption {
    Objects.requireNonNull(head, "head");
    shares = List.copyOf(Objects.requireNonNull(shares, "shares"));
    Objects.requireNonNull(signature, "signature");
  }

  public static Digest payload(
      Digest q, int member, int count, Digest head, List<DecryptionFile.Share> shares) {
    List<DecryptionFile.Share> s = new ArrayList<>(shares.size());
    for (DecryptionFile.Share d : shares) {
      s.add(new DecryptionFile.Share(d.member(), d.label(), d.m(), d.proof()));
    }
    return PartialSignature.payload(q, member, count, head, s);
  }

  /** The record's copy of the signature (decryption.json "partials"). */
  public PartialSignature recordSignature() {
    return new PartialSignature(member, count, head, signature);
  }
}
