package org.cvote.crypto.proof;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;

/**
 * What a version 2 row proof claims (docs/protocol.md §16.3): under K, {@code ct} encrypts one of
 * {0, 1, B, B²}, bound to the poll context Q, the token hash τ, the row's label λ ({@code s<i>})
 * and B.
 */
public record RowStatementV2(
    Digest context,
    Digest tokenHash,
    String label,
    EncodingV2 encoding,
    Point jointKey,
    Ciphertext ct) {
  public RowStatementV2 {
    Objects.requireNonNull(context, "context Q");
    Objects.requireNonNull(tokenHash, "token hash");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(encoding, "encoding (B)");
    Objects.requireNonNull(jointKey, "joint key");
    Objects.requireNonNull(ct, "ciphertext");
  }

  /** The branch values m_0..m_3 = 0, 1, B, B². */
  public List<Long> values() {
    return encoding.values();
  }
}
