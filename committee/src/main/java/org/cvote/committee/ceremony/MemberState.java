package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.proof.SchnorrProof;

/**
 * A member's own ceremony state for one poll, saved (sealed by the member's {@link
 * org.cvote.committee.identity.Vault}) after every step so the tool resumes after a crash at any
 * round. Holds secrets (the polynomial, the secret share): never printed, never stored in clear,
 * never handed out — the share is used in place ({@link #partialDecryption}, {@link
 * #proveDecryption}). The fields are package-private (the ceremony writes them) and serialized by
 * field, so the sealed JSON is byte for byte what it was. The secrets are {@link Scalar}s,
 * immutable BigIntegers the JVM cannot wipe; only the byte buffers they are sealed from and opened
 * into are wiped ({@link SealedFileStateStore}).
 */
@JsonPropertyOrder({
  "pollId",
  "ceremonyId",
  "index",
  "n",
  "t",
  "coefficients",
  "commitments",
  "commitHash",
  "proofs",
  "shares",
  "complaint",
  "allCommitments",
  "secretShare",
  "jointKey",
  "publicShares",
  "transcript",
  "done",
  "decryptedCount",
  "decryptedHead",
  "confirmedT",
  "confirmedFingerprints"
})
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE,
    setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class MemberState {
  String pollId;
  Digest ceremonyId;
  int index;
  int n;
  int t;

  /** a_i0 … a_i,t−1 (secret). */
  List<Scalar> coefficients;

  List<Point> commitments;
  Digest commitHash;
  List<SchnorrProof> proofs;

  /**
   * The encrypted shares, saved before they are posted (HPKE is randomised: a resend must be
   * identical).
   */
  List<EncryptedShare> shares;

  ComplaintPost complaint;

  /** Everyone's K_ij as this member checked them (for Q and the tally). */
  List<List<Point>> allCommitments;

  /** s_ℓ (secret). */
  Scalar secretShare;

  Point jointKey;
  List<Point> publicShares;
  Digest transcript;

  /** True once the coordinator fixed the key and it matched this member's own computation. */
  boolean done;

  /**
   * The closed board this member decrypted (the closing statement's N and T_N), saved before its
   * partial decryption is posted: the tool refuses any other board for this poll (docs/protocol.md
   * §9.5). Null until then.
   */
  Long decryptedCount;

  Digest decryptedHead;

  /**
   * The approved list this member confirmed against the hall's before committing (docs/protocol.md
   * §8.7): t and the fingerprints in index order. The tool asks again before going on if the served
   * list differs (a restart's new γ).
   */
  int confirmedT;

  List<String> confirmedFingerprints;

  public MemberState() {}

  // Read access for the tool, the server's simulated committee and the tests; the ceremony (this
  // package)
  // writes the fields. The secrets (coefficients, secretShare) have no getter: they are used in
  // place below.

  public String pollId() {
    return pollId;
  }

  public Digest ceremonyId() {
    return ceremonyId;
  }

  public int index() {
    return index;
  }

  public int n() {
    return n;
  }

  public int t() {
    return t;
  }

  public List<Point> commitments() {
    return commitments == null ? null : Collections.unmodifiableList(commitments);
  }

  public Digest commitHash() {
    return commitHash;
  }

  public List<SchnorrProof> proofs() {
    return proofs == null ? null : Collections.unmodifiableList(proofs);
  }

  public List<EncryptedShare> shares() {
    return shares == null ? null : Collections.unmodifiableList(shares);
  }

  public ComplaintPost complaint() {
    return complaint;
  }

  public List<List<Point>> allCommitments() {
    return allCommitments == null ? null : Collections.unmodifiableList(allCommitments);
  }

  public Point jointKey() {
    return jointKey;
  }

  public List<Point> publicShares() {
    return publicShares == null ? null : Collections.unmodifiableList(publicShares);
  }

  public Digest transcript() {
    return transcript;
  }

  public boolean done() {
    return done;
  }

  public Long decryptedCount() {
    return decryptedCount;
  }

  public Digest decryptedHead() {
    return decryptedHead;
  }

  public int confirmedT() {
    return confirmedT;
  }

  public List<String> confirmedFingerprints() {
    return confirmedFingerprints == null
        ? null
        : Collections.unmodifiableList(confirmedFingerprints);
  }

  /** True once the ceremony gave this member its secret share s_ℓ. */
  public boolean hasSecretShare() {
    return secretShare != null;
  }

  /**
   * s_ℓ·G recomputed from the secret share (equal to {@link #publicShare()} after a sound
   * ceremony).
   */
  public Point ownPublicShare() {
    return Point.baseMul(requireShare());
  }

  /**
   * This member's partial decryption M = s_ℓ·α of one aggregate ciphertext (docs/protocol.md §9.3).
   */
  public Point partialDecryption(Point alpha) {
    return alpha.multiply(requireShare());
  }

  /**
   * The Chaum–Pedersen proof that {@code st.partial()} = s_ℓ·{@code st.alpha()} (docs/protocol.md
   * §5).
   */
  public DecryptionProof proveDecryption(DecryptionProof.Statement st, SecureRandom rng) {
    return DecryptionProof.prove(st, requireShare(), rng);
  }

  /**
   * Saves the closed board (N, T_N) this member decrypted, before its partial decryption is posted.
   */
  public void recordDecryption(long count, Digest head) {
    this.decryptedCount = count;
    this.decryptedHead = head;
  }

  private Scalar requireShare() {
    if (secretShare == null) {
      throw new IllegalStateException(
          "member " + index + " holds no secret share for poll " + pollId);
    }
    return secretShare;
  }

  public Point publicShare() {
    return publicShares == null ? null : publicShares.get(index - 1);
  }

  List<Scalar> coefficientsCopy() {
    return new ArrayList<>(coefficients);
  }

  @Override
  public String toString() {
    return "MemberState[poll " + pollId + ", member " + index + ", secrets redacted]";
  }
}
