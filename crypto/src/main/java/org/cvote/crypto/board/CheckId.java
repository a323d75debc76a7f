package org.cvote.crypto.board;

/**
 * The checks of docs/protocol.md §11 (V1–V11) and §9.5 (V12), in order, with the words the verifier
 * report prints: the one vocabulary in which the committee, the verifier and the server name what
 * is wrong with a board.
 */
public enum CheckId {
  V1("parameters and encodings"),
  V2("manifest hash and Q recomputed"),
  V3("committee: γ, commit hashes, Schnorr proofs, K = Σ K_i0, public shares"),
  V4("token signatures valid and tokens unique"),
  V5("range proofs and row proofs"),
  V6("ballot hashes and tracking chain"),
  V7("aggregate = Σ ballots"),
  V8("decryption proofs, |U| ≥ t, distinct members"),
  V9("counts: m·G = β − Σ w_ℓ·M_ℓ"),
  V10("report arithmetic and attendance"),
  V11("record signature"),
  /** From record version 2 (docs/protocol.md §9.5); not applicable to a version 1 record. */
  V12("closing statement and board binding");

  private final String title;

  CheckId(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
