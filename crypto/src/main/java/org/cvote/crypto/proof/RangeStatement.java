package org.cvote.crypto.proof;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * What a range proof claims: ciphertext {@code ct} under key K encrypts m ∈ {0..L}, bound to the
 * poll context Q, the token hash τ and the position label λ (docs/protocol.md §5). {@code parts}
 * lists ciphertexts whose sum is ct (a row sum), or just ct itself; the batch verifier uses them to
 * avoid materialising the sum inside the multi-scalar multiplication.
 */
public record RangeStatement(
    Digest context,
    Digest tokenHash,
    String label,
    Point jointKey,
    Ciphertext ct,
    int maxValue,
    List<Ciphertext> parts) {
  public RangeStatement {
    Objects.requireNonNull(context, "context Q");
    Objects.requireNonNull(tokenHash, "token hash");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(jointKey, "joint key");
    Objects.requireNonNull(ct, "ciphertext");
    Objects.requireNonNull(parts, "parts");
    if (maxValue < 1 || maxValue > 64) {
      throw new IllegalArgumentException("range bound L must be in 1..64, got " + maxValue);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("parts must list at least the ciphertext itself");
    }
    parts = List.copyOf(parts);
  }

  public static RangeStatement of(
      Digest context, Digest tokenHash, String label, Point jointKey, Ciphertext ct, int maxValue) {
    return new RangeStatement(
        context,
        tokenHash,
        label,
        jointKey,
        ct,
        maxValue,
        List.of(Objects.requireNonNull(ct, "ciphertext")));
  }
}
