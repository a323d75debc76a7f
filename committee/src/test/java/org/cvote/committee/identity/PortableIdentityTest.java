package org.cvote.committee.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.SealedFileStateStore;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.json.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 identity-and-state file (committee/API.md §5.1): the cross-language vector, tampering, and
 * the old format.
 */
class PortableIdentityTest {
  /**
   * The vector the browser suite (server/src/main/web/test/committee-identity.test.mjs) reads too.
   */
  static final Path VECTOR =
      Path.of("../crypto/src/test/resources/vectors/committee-identity-v2.json");

  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path dir;

  private static JsonNode vector() throws IOException {
    return ProtocolJson.mapper().readTree(VECTOR.toFile());
  }

  @Test
  void theSharedVectorSealsByteForByteAndOpens() throws Exception {
    JsonNode v = vector();
    JsonNode file = v.get("file");
    KdfParams kdf = ProtocolJson.mapper().treeToValue(file.get("kdf"), KdfParams.class);
    char[] pass = v.get("passphrase").asText().toCharArray();
    assertEquals(v.get("key").asText(), HEX.formatHex(kdf.derive(pass)), "Argon2id key");
    MemberIdentity id =
        MemberIdentity.fromRaw(
            v.get("name").asText(),
            HEX.parseHex(v.get("x25519PrivateKey").asText()),
            HEX.parseHex(v.get("ed25519Seed").asText()));
    assertEquals(v.get("hpkePublicKey").asText(), HEX.formatHex(id.hpkePublicKey()));
    assertEquals(v.get("signingPublicKey").asText(), HEX.formatHex(id.signingPublicKey()));
    assertEquals(v.get("fingerprint").asText(), id.fingerprint());
    byte[] plain = v.get("plaintext").asText().getBytes(StandardCharsets.UTF_8);
    byte[] sealed =
        PortableIdentity.seal(plain, id, pass, kdf, HEX.parseHex(file.get("nonce").asText()));
    assertEquals(file, ProtocolJson.mapper().readTree(sealed), "the whole v2 file");

    byte[] bytes = ProtocolJson.mapper().writeValueAsBytes(file);
    PortableIdentity.Opened o = PortableIdentity.open(bytes, pass);
    assertArrayEquals(id.signingPublicKey(), o.identity().signingPublicKey());
    assertEquals("Lê Thị Hoa", o.identity().name());
    assertEquals(1, o.polls().size());
    assertEquals("https://cvote.example", o.polls().get(0).server());
    MemberState st =
        CommitteeJson.mapper().treeToValue(o.polls().get(0).state(), MemberState.class);
    assertEquals(Point.baseMul(Scalar.of(424242L)), st.ownPublicShare());
    assertEquals(2, st.index());
    // the decomposed spelling of the same passphrase (another keyboard) opens it too
    String nfd = v.get("passphraseNfd").asText();
    assertTrue(
        !nfd.equals(v.get("passphrase").asText()),
        "the vector's NFD spelling differs from its NFC one");
    assertArrayEquals(plain, PortableIdentity.openPlaintext(bytes, nfd.toCharArray()));
    // the reopened keys sign and decrypt
    byte[] msg = "biên bản".getBytes(StandardCharsets.UTF_8);
    assertTrue(PublicKeys.verify(id.signingPublicKey(), msg, o.identity().sign(msg)));
    assertArrayEquals(
        msg,
        o.identity()
            .decrypt(PublicKeys.hpkeEncrypt(id.hpkePublicKey(), msg, new byte[0]), new byte[0]));
  }

  @Test
  void aWrongPassphraseOrAnyChangeIsRefused() throws Exception {
    ObjectNode file = (ObjectNode) vector().get("file");
    char[] pass = vector().get("passphrase").asText().toCharArray();
    assertThrows(
        WrongPassphraseException.class,
        () ->
            PortableIdentity.open(
                ProtocolJson.mapper().writeValueAsBytes(file),
                "mật khẩu của Hoa 2027".toCharArray()));
    String sealed = file.get("sealed").asText();
    ObjectNode flipped = file.deepCopy();
    flipped.put(
        "sealed",
        sealed.substring(0, 10) + (sealed.charAt(10) == '0' ? '1' : '0') + sealed.substring(11));
    assertThrows(
        WrongPassphraseException.class,
        () -> PortableIdentity.open(ProtocolJson.mapper().writeValueAsBytes(flipped), pass));
    ObjectNode otherSalt = file.deepCopy();
    ((ObjectNode) otherSalt.get("kdf")).put("salt", "ff0102030405060708090a0b0c0d0e0f");
    assertThrows(
        WrongPassphraseException.class,
        () -> PortableIdentity.open(ProtocolJson.mapper().writeValueAsBytes(otherSalt), pass));
    // public keys in clear that are not the sealed ones: refused (a swapped fingerprint would
    // mislead the reader)
    ObjectNode swapped = file.deepCopy();
    swapped.put("signingPublicKey", HEX.formatHex(MemberIdentity.generate("X").signingPublicKey()));
    IOException e =
        assertThrows(
            IOException.class,
            () -> PortableIdentity.open(ProtocolJson.mapper().writeValueAsBytes(swapped), pass));
    assertTrue(e.getMessage().contains("do not match"), e.getMessage());
    ObjectNode renamed = file.deepCopy();
    renamed.put("name", "Người khác");
    assertThrows(
        IOException.class,
        () -> PortableIdentity.open(ProtocolJson.mapper().writeValueAsBytes(renamed), pass));
  }

  @Test
  void newFilesAreV2WithoutPlaintextKeysAndOpenThroughIdentityFile() throws Exception {
    MemberIdentity id = MemberIdentity.generate("Phạm Văn Cường");
    Path f = dir.resolve("identity.json");
    IdentityFile.Unlocked made =
        IdentityFile.create(
            f,
            id,
            "mật khẩu đủ dài".toCharArray(),
            KdfParams.withCost(1024, 1, new SecureRandom()));
    String text = Files.readString(f);
    assertTrue(text.contains("\"format\" : \"" + PortableIdentity.FORMAT + "\""), text);
    for (byte[] secret : id.privateKeyMaterial()) {
      assertTrue(!text.contains(HEX.formatHex(secret)), "hex private key in the file");
    }
    IdentityFile.Unlocked u = IdentityFile.open(f, "mật khẩu đủ dài".toCharArray());
    assertArrayEquals(id.hpkePublicKey(), u.identity().hpkePublicKey());
    assertEquals(id.fingerprint(), IdentityFile.readPublic(f).fingerprint());
    // the vault of the reopened file opens the state sealed by the vault returned at creation
    MemberState st =
        CommitteeJson.mapper()
            .readValue(
                "{\"pollId\":\"p\",\"secretShare\":\"" + Scalar.of(7).toHex() + "\"}",
                MemberState.class);
    new SealedFileStateStore(dir.resolve("state"), made.vault()).save(st);
    assertEquals(
        Point.baseMul(Scalar.of(7)),
        new SealedFileStateStore(dir.resolve("state"), u.vault())
            .load("p")
            .orElseThrow()
            .ownPublicShare());
    assertThrows(
        WrongPassphraseException.class,
        () -> IdentityFile.open(f, "mật khẩu sai rồi".toCharArray()));
  }

  /**
   * A home made by the tool before format 2 (identity.json v1, a sealed state file): still opens.
   */
  @Test
  void theFirstFormatStillOpens() throws Exception {
    Path home = Path.of("src/test/resources/identity-v1");
    IdentityFile.Unlocked u =
        IdentityFile.open(home.resolve("identity.json"), "mật khẩu cũ v1".toCharArray());
    assertEquals("Nguyễn Văn An", u.identity().name());
    assertEquals("23fb-f1c0-200b-4433-bc68-63ba-2563-56ee", u.identity().fingerprint());
    byte[][] secret = u.identity().privateKeyMaterial();
    assertEquals(
        "efdfa40a5765a6dd2741615d0ab92a11451a8ca2ec2404639e96e4e45b9fb89a",
        HEX.formatHex(secret[0]));
    assertEquals(
        "c6ad035db8c1cb077bbc3be82848d34623db39e1d967e70683cfb88ca789bc57",
        HEX.formatHex(secret[1]));
    MemberState st =
        new SealedFileStateStore(home.resolve("state"), u.vault()).load("poll-v1").orElseThrow();
    assertEquals(Point.baseMul(Scalar.of(123456789L)), st.ownPublicShare());
    // re-written as v2 with the same raw keys, it gives the same identity
    Path f = dir.resolve("v2.json");
    IdentityFile.write(
        f,
        u.identity(),
        List.of(),
        "mật khẩu cũ v1".toCharArray(),
        KdfParams.withCost(1024, 1, new SecureRandom()));
    assertEquals(
        u.identity().fingerprint(),
        IdentityFile.open(f, "mật khẩu cũ v1".toCharArray()).identity().fingerprint());
    assertThrows(
        WrongPassphraseException.class,
        () -> IdentityFile.open(home.resolve("identity.json"), "mật khẩu sai".toCharArray()));
  }

  @Test
  void aFileAskingForAHugeArgon2idCostIsRefusedBeforeAnyDerivation() {
    byte[] salt = new byte[16];
    // a hostile file would otherwise make the CLI allocate 2 TiB, or loop for hours
    assertThrows(
        IllegalArgumentException.class,
        () -> new KdfParams("argon2id", Integer.MAX_VALUE, 1, 1, salt));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KdfParams("argon2id", 65536, Integer.MAX_VALUE, 1, salt));
    assertThrows(
        IllegalArgumentException.class, () -> new KdfParams("argon2id", 1 << 20, 64, 1, salt));
    new KdfParams("argon2id", KdfParams.DEFAULT_MEMORY_KIB, KdfParams.DEFAULT_ITERATIONS, 1, salt);
  }

  @Test
  void aClearFingerprintThatIsNotThePublicKeysIsRefused() throws Exception {
    MemberIdentity id = MemberIdentity.generate("Lê Thị Hoa");
    Path f = dir.resolve("identity.json");
    IdentityFile.create(
        f, id, "mật khẩu đủ dài".toCharArray(), KdfParams.withCost(1024, 1, new SecureRandom()));
    Files.writeString(
        f,
        Files.readString(f).replace(id.fingerprint(), "0000-0000-0000-0000-0000-0000-0000-0000"));
    assertThrows(IOException.class, () -> IdentityFile.readPublic(f));
    assertThrows(
        IOException.class,
        () -> PortableIdentity.open(Files.readAllBytes(f), "mật khẩu đủ dài".toCharArray()));
  }
}
