package org.cvote.committee.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.SealedFileStateStore;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
  private static final SecureRandom RNG = new SecureRandom();
  @TempDir Path dir;

  private static KdfParams cheap() {
    return KdfParams.withCost(1024, 1, RNG);
  }

  @Test
  void roundTripWithTheRightPassphrase() throws Exception {
    MemberIdentity id = MemberIdentity.generate("Trần Thị Bình");
    Path f = dir.resolve("identity.json");
    IdentityFile.create(f, id, "đúng mật khẩu".toCharArray(), cheap());
    IdentityFile.Unlocked u = IdentityFile.open(f, "đúng mật khẩu".toCharArray());
    assertArrayEquals(id.hpkePublicKey(), u.identity().hpkePublicKey());
    assertArrayEquals(id.signingPublicKey(), u.identity().signingPublicKey());
    assertEquals("Trần Thị Bình", u.identity().name());
    // the reopened keys work: sign/verify and HPKE both ways
    byte[] msg = "thông điệp".getBytes(StandardCharsets.UTF_8);
    assertTrue(PublicKeys.verify(id.signingPublicKey(), msg, u.identity().sign(msg)));
    byte[] ct = PublicKeys.hpkeEncrypt(id.hpkePublicKey(), msg, new byte[] {1});
    assertArrayEquals(msg, u.identity().decrypt(ct, new byte[] {1}));
    assertThrows(
        java.security.GeneralSecurityException.class,
        () -> u.identity().decrypt(ct, new byte[] {2}));
  }

  @Test
  void wrongPassphraseIsAClearError() throws Exception {
    Path f = dir.resolve("identity.json");
    IdentityFile.create(
        f, MemberIdentity.generate("A"), "correct horse battery".toCharArray(), cheap());
    WrongPassphraseException e =
        assertThrows(
            WrongPassphraseException.class,
            () -> IdentityFile.open(f, "wrong horse battery".toCharArray()));
    assertTrue(e.getMessage().startsWith("wrong passphrase"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            IdentityFile.create(
                dir.resolve("x"), MemberIdentity.generate("B"), "short".toCharArray(), cheap()));
  }

  @Test
  void theFileHoldsNoPlaintextKeyMaterial() throws Exception {
    MemberIdentity id = MemberIdentity.generate("C");
    Path f = dir.resolve("identity.json");
    IdentityFile.Unlocked u =
        IdentityFile.create(f, id, "một passphrase dài".toCharArray(), cheap());
    byte[] file = Files.readAllBytes(f);
    String text = new String(file, StandardCharsets.ISO_8859_1);
    for (byte[] secret : id.privateKeyMaterial()) {
      assertEquals(32, secret.length);
      assertEquals(-1, indexOf(file, secret), "raw private key bytes in the file");
      assertFalse(text.contains(HexFormat.of().formatHex(secret)), "hex private key in the file");
      assertFalse(
          text.contains(Base64.getEncoder().encodeToString(secret).substring(0, 40)),
          "base64 private key in the file");
    }
    assertFalse(text.contains("một passphrase dài"));
    // the public part is readable without the passphrase
    IdentityFile.Content pub = IdentityFile.readPublic(f);
    assertArrayEquals(id.signingPublicKey(), pub.signingPublicKey());
    assertEquals(id.fingerprint(), pub.fingerprint());

    // member state (polynomial, secret share) is sealed too
    Scalar secret = Scalar.random(RNG);
    MemberState st =
        org.cvote.committee.CommitteeJson.mapper()
            .readValue(
                "{\"pollId\":\"p\",\"secretShare\":\"" + secret.toHex() + "\"}", MemberState.class);
    SealedFileStateStore store = new SealedFileStateStore(dir.resolve("state"), u.vault());
    store.save(st);
    byte[] sealed = Files.readAllBytes(store.file("p"));
    assertEquals(-1, indexOf(sealed, secret.encode()));
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(secret.toHex()));
    assertEquals(Point.baseMul(secret), store.load("p").orElseThrow().ownPublicShare());
    // another passphrase cannot open it
    Vault other = Vault.unlock("another passphrase".toCharArray(), cheap());
    assertThrows(
        IllegalStateException.class,
        () -> new SealedFileStateStore(dir.resolve("state"), other).load("p"));
  }

  @Test
  void publicKeysetsCarryTheRawKeysAndTheFingerprintReadsAloud() {
    MemberIdentity id = MemberIdentity.generate("D");
    assertArrayEquals(id.hpkePublicKey(), PublicKeys.hpkeKeyOf(id.hpkePublicKeysetJson()));
    assertArrayEquals(id.signingPublicKey(), PublicKeys.signingKeyOf(id.signingPublicKeysetJson()));
    assertFalse(id.hpkePublicKeysetJson().contains("PRIVATE"));
    assertTrue(id.fingerprint().matches("([0-9a-f]{4}-){7}[0-9a-f]{4}"), id.fingerprint());
    assertFalse(id.toString().contains(HexFormat.of().formatHex(id.privateKeyMaterial()[1])));
    assertThrows(
        IllegalArgumentException.class, () -> PublicKeys.hpkeKeyOf(id.signingPublicKeysetJson()));
    assertEquals(64, id.sign(new byte[3]).length);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
