package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Step 2: HPKE_ℓ(I2OSP(P_i(ℓ), 32), info = "cvote/v1/share" ‖ γ ‖ I2OSP(i,4) ‖ I2OSP(ℓ,4)) from
 * member {@code from} = i to member {@code to} = ℓ, signed by i (HPKE alone does not authenticate
 * the sender).
 */
@JsonPropertyOrder({"from", "to", "ciphertext", "signature"})
public record EncryptedShare(int from, int to, byte[] ciphertext, byte[] signature) {
  public EncryptedShare {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(signature, "signature");
  }

  public boolean sameAs(EncryptedShare o) {
    return o.from == from && o.to == to && Arrays.equals(o.ciphertext, ciphertext);
  }
}
