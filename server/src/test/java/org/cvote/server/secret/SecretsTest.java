package org.cvote.server.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.cvote.server.admin.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  @Test
  void masterKeyFileIsOwnerOnlyAndStable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/master.json");
    SecretBox a = MasterKey.loadOrCreate(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    byte[] ct = a.seal("secret".getBytes(StandardCharsets.UTF_8), "token_key/p-1");
    SecretBox b = MasterKey.loadOrCreate(file);
    assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), b.open(ct, "token_key/p-1"));
  }

  @Test
  void associatedDataBindsTheRow(@TempDir Path dir) {
    SecretBox box = MasterKey.loadOrCreate(dir.resolve("m.json"));
    byte[] ct = box.seal(new byte[] {1, 2, 3}, "token_key/p-1");
    assertThrows(
        IllegalStateException.class,
        () -> box.open(ct, "token_key/p-2"),
        "a ciphertext moved to another row does not decrypt");
  }

  /**
   * Receipts are signed for every cast: plain RFC 8032 signatures that Tink's verifier of the
   * published keyset accepts.
   */
  @Test
  void recordSignaturesVerifyUnderThePublishedKeyset(@TempDir Path dir) throws Exception {
    SecretBox box = MasterKey.loadOrCreate(dir.resolve("m.json"));
    try (var db = org.cvote.server.support.TestStore.open(dir)) {
      var tx = new org.cvote.server.store.Tx(db);
      RecordSigner signer = RecordSigner.loadOrCreate(tx, box);
      var published =
          com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(
              signer.publicKeysetJson());
      var verify =
          published.getPrimitive(
              com.google.crypto.tink.RegistryConfiguration.get(),
              com.google.crypto.tink.PublicKeyVerify.class);
      var random = new java.security.SecureRandom();
      for (int i = 0; i < 20; i++) {
        byte[] data = new byte[random.nextInt(100)];
        random.nextBytes(data);
        byte[] sig = signer.sign(data);
        assertEquals(64, sig.length);
        verify.verify(sig, data); // throws when it does not verify
        assertTrue(
            org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                sig, 0, signer.publicKey(), 0, data, 0, data.length));
        data = java.util.Arrays.copyOf(data, data.length + 1);
        byte[] other = data;
        assertThrows(java.security.GeneralSecurityException.class, () -> verify.verify(sig, other));
      }
      byte[] once = signer.sign("receipt".getBytes(StandardCharsets.UTF_8));
      assertArrayEquals(
          once,
          RecordSigner.loadOrCreate(tx, box).sign("receipt".getBytes(StandardCharsets.UTF_8)),
          "the stored key is loaded again, and Ed25519 is deterministic");
    }
  }

  /**
   * A stored keyset whose signatures would carry Tink's 5-byte prefix is refused: the record
   * promises plain RFC 8032.
   */
  @Test
  void aStoredSigningKeysetWithATinkPrefixIsRefused(@TempDir Path dir) throws Exception {
    SecretBox box = MasterKey.loadOrCreate(dir.resolve("m.json"));
    try (var db = org.cvote.server.support.TestStore.open(dir)) {
      var tx = new org.cvote.server.store.Tx(db);
      com.google.crypto.tink.signature.SignatureConfig.register();
      var config = com.google.crypto.tink.RegistryConfiguration.get();
      var prefixed =
          com.google.crypto.tink.KeysetHandle.generateNew(
              com.google.crypto.tink.signature.PredefinedSignatureParameters.ED25519, config);
      String enc =
          com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
              prefixed, box.aead(), SecretBox.ad("server_secret/record-signing-key"), config);
      tx.run(
          c -> {
            try (var ps =
                c.prepareStatement(
                    "INSERT INTO server_secret (name, ciphertext, public_info, created_at) VALUES (?, ?, ?, ?)")) {
              ps.setString(1, "record-signing-key");
              ps.setBytes(2, enc.getBytes(StandardCharsets.UTF_8));
              ps.setString(3, "{}");
              ps.setTimestamp(4, java.sql.Timestamp.from(java.time.Instant.now()));
              ps.executeUpdate();
            }
            return null;
          });
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> RecordSigner.loadOrCreate(tx, box));
      assertTrue(e.getMessage().contains("one Ed25519 key with RAW output"), e.getMessage());
    }
  }

  @Test
  void argon2idHashes() {
    PasswordHasher h = new PasswordHasher(1024, 1);
    String phc = h.hash("correct horse");
    assertTrue(phc.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
    assertTrue(h.verify("correct horse", phc));
    assertFalse(h.verify("correct horsf", phc));
    assertFalse(h.hash("correct horse").equals(phc), "salted");
  }
}
