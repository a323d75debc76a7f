package org.cvote.committee.identity;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.X25519;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * Test-only: identities of fixed raw keys (cross-language vectors), as Tink keysets like {@link
 * MemberIdentity#generate}'s.
 */
public final class TestIdentities {
  private TestIdentities() {}

  /** The identity whose X25519 private key and Ed25519 seed are the given 32 bytes each. */
  public static MemberIdentity fromRawKeys(
      String name, byte[] x25519PrivateKey, byte[] ed25519Seed) {
    Tinks.init();
    try {
      HpkePublicKey hpub =
          HpkePublicKey.create(
              Tinks.HPKE, Bytes.copyFrom(X25519.publicFromPrivate(x25519PrivateKey)), null);
      HpkePrivateKey hpriv =
          HpkePrivateKey.create(
              hpub, SecretBytes.copyFrom(x25519PrivateKey, InsecureSecretKeyAccess.get()));
      Ed25519PublicKey spub =
          Ed25519PublicKey.create(
              Bytes.copyFrom(Ed25519Sign.KeyPair.newKeyPairFromSeed(ed25519Seed).getPublicKey()));
      Ed25519PrivateKey spriv =
          Ed25519PrivateKey.create(
              spub, SecretBytes.copyFrom(ed25519Seed, InsecureSecretKeyAccess.get()));
      return new MemberIdentity(
          name,
          KeysetHandle.newBuilder()
              .addEntry(KeysetHandle.importKey(hpriv).withRandomId().makePrimary())
              .build(),
          KeysetHandle.newBuilder()
              .addEntry(KeysetHandle.importKey(spriv).withRandomId().makePrimary())
              .build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
