package org.cvote.crypto.context;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * The inputs of the context hash Q (docs/protocol.md §3): everything a proof must be bound to. Q =
 * H("cvote/v1/context", M, n, t, every K_ij in order, K, SHA-256(token SPKI), SHA-256(Ed25519
 * key)).
 *
 * <p>The one context type of every module. Its JSON (the server's stored and served poll context)
 * is context.json's fields of docs/protocol.md §10 followed by the commitments K_ij; reading it
 * recomputes Q and refuses a stored Q that differs. context.json itself is {@code
 * record.ContextFile.of(context)}.
 */
@JsonPropertyOrder({
  "manifestHash",
  "n",
  "t",
  "jointKey",
  "tokenKeyHash",
  "signingKeyHash",
  "Q",
  "commitments"
})
public record Context(
    Digest manifestHash,
    int n,
    int t,
    List<List<Point>> commitments,
    Point jointKey,
    Digest tokenKeyHash,
    Digest signingKeyHash) {
  public Context {
    Objects.requireNonNull(manifestHash, "manifest hash");
    Objects.requireNonNull(commitments, "commitments");
    Objects.requireNonNull(jointKey, "joint key");
    Objects.requireNonNull(tokenKeyHash, "token key hash");
    Objects.requireNonNull(signingKeyHash, "signing key hash");
    if (t < 1 || n < t) {
      throw new IllegalArgumentException("need 1 ≤ t ≤ n, got n=" + n + " t=" + t);
    }
    if (commitments.size() != n) {
      throw new IllegalArgumentException(
          "expected commitments of " + n + " members, got " + commitments.size());
    }
    commitments = commitments.stream().map(List::copyOf).toList();
    for (int i = 0; i < n; i++) {
      if (commitments.get(i).size() != t) {
        throw new IllegalArgumentException(
            "member "
                + (i + 1)
                + " must have "
                + t
                + " commitments, got "
                + commitments.get(i).size());
      }
    }
  }

  /** The key hashes are of the raw bytes: SHA-256(SPKI DER) and SHA-256(32-byte Ed25519 key). */
  public static Context of(
      Manifest manifest,
      int n,
      int t,
      List<List<Point>> commitments,
      Point jointKey,
      byte[] tokenSpki,
      byte[] ed25519PublicKey) {
    if (ed25519PublicKey == null || ed25519PublicKey.length != 32) {
      throw new IllegalArgumentException(
          "the record-signing key must be a 32-byte Ed25519 public key");
    }
    return new Context(
        manifest.hash(),
        n,
        t,
        commitments,
        jointKey,
        Digest.sha256(Objects.requireNonNull(tokenSpki, "token SPKI")),
        Digest.sha256(ed25519PublicKey));
  }

  /**
   * The election key's fingerprint read aloud after the key ceremony (docs/protocol.md §8.9):
   * SHA-256 of K's 65-byte encoding, shown as {@link Digest#fingerprint()}. Every member's tool,
   * the committee page, the console and the booth show it, so the hall sees that they all hold one
   * K.
   */
  public static String keyFingerprint(Point jointKey) {
    return Digest.sha256(Objects.requireNonNull(jointKey, "joint key").encode()).fingerprint();
  }

  /** Reads the JSON form; the stored Q must be the one these inputs give. */
  @JsonCreator
  public static Context fromJson(
      @JsonProperty("manifestHash") Digest manifestHash,
      @JsonProperty("n") int n,
      @JsonProperty("t") int t,
      @JsonProperty("jointKey") Point jointKey,
      @JsonProperty("tokenKeyHash") Digest tokenKeyHash,
      @JsonProperty("signingKeyHash") Digest signingKeyHash,
      @JsonProperty("Q") Digest q,
      @JsonProperty("commitments") List<List<Point>> commitments) {
    Context c =
        new Context(manifestHash, n, t, commitments, jointKey, tokenKeyHash, signingKeyHash);
    if (!c.hash().equals(Objects.requireNonNull(q, "Q"))) {
      throw new IllegalArgumentException(
          "the context's Q is not the hash of its inputs (docs/protocol.md §3)");
    }
    return c;
  }

  /** Q, as the JSON form carries it. */
  @JsonProperty("Q")
  public Digest q() {
    return hash();
  }

  @JsonIgnore
  public Digest hash() {
    Transcript tr = Transcript.of(Tag.CONTEXT).hash(manifestHash).integer(n).integer(t);
    for (List<Point> ki : commitments) {
      tr.points(ki);
    }
    return tr.point(jointKey).hash(tokenKeyHash).hash(signingKeyHash).digest();
  }
}
