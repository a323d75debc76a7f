package org.cvote.crypto.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;

/**
 * The record signature of docs/protocol.md §10: record.sig is the server's plain RFC 8032 Ed25519
 * signature over the 32 bytes H("cvote/v1/record", SHA-256 of each of the eight signed files, in
 * {@link RecordFiles#SIGNED} order). Receipts are signed by the same key over {@link
 * BallotHashes#receipt}.
 */
public final class RecordSignature {
  public static final int PUBLIC_KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;

  private RecordSignature() {}

  /** The signed digest from the SHA-256 hashes of the eight files, in order. */
  public static Digest digest(List<Digest> fileHashes) {
    return BallotHashes.record(fileHashes);
  }

  /** The signed digest from the eight files' exact bytes, in {@link RecordFiles#SIGNED} order. */
  public static Digest digestOfFiles(List<byte[]> files) {
    Objects.requireNonNull(files, "files");
    List<Digest> hashes = new ArrayList<>(files.size());
    for (byte[] f : files) {
      hashes.add(Digest.sha256(f));
    }
    return digest(hashes);
  }

  /** Ed25519 signature (64 bytes) of a digest with a 32-byte private key seed. */
  public static byte[] sign(byte[] privateKey, Digest digest) {
    Objects.requireNonNull(privateKey, "private key");
    if (privateKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 private key is 32 bytes");
    }
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
    byte[] m = digest.bytes();
    s.update(m, 0, m.length);
    return s.generateSignature();
  }

  /** The 32-byte public key of a 32-byte private key seed. */
  public static byte[] publicKey(byte[] privateKey) {
    return new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
  }

  /**
   * True when {@code signature} is a valid RFC 8032 Ed25519 signature of the digest under {@code
   * publicKey}.
   */
  public static boolean verify(byte[] publicKey, Digest digest, byte[] signature) {
    if (publicKey == null
        || publicKey.length != PUBLIC_KEY_BYTES
        || signature == null
        || signature.length != SIGNATURE_BYTES
        || digest == null) {
      return false;
    }
    try {
      Ed25519Signer v = new Ed25519Signer();
      v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      byte[] m = digest.bytes();
      v.update(m, 0, m.length);
      return v.verifySignature(signature);
    } catch (RuntimeException e) { // a public key that is not a point
      return false;
    }
  }

  /** record.sig's text: 128 lowercase hex characters and one final newline. */
  public static byte[] format(byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("an Ed25519 signature is 64 bytes");
    }
    return (Hex.encode(signature) + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Strict parse of record.sig (§13): exactly 128 lowercase hex characters, optionally one final
   * newline.
   */
  public static byte[] parse(byte[] fileContent) {
    Objects.requireNonNull(fileContent, "record.sig");
    int n = fileContent.length;
    if (n == 129 && fileContent[128] == '\n') {
      n = 128;
    }
    if (n != 128) {
      throw new EncodingException(
          "record.sig must be 128 lowercase hex characters (optionally one final newline), got "
              + fileContent.length
              + " bytes");
    }
    for (int i = 0; i < n; i++) {
      byte c = fileContent[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new EncodingException("record.sig is not lowercase hex at position " + i);
      }
    }
    return Hex.decode(new String(fileContent, 0, n, StandardCharsets.US_ASCII), SIGNATURE_BYTES);
  }
}
