package org.cvote.committee.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyMath;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.InMemoryCeremonyStore;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.PublicKeys;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.committee.server.InMemoryPartialStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser member library (server/src/main/web/src/committee) against the Java member and server
 * code, over the shared vector file crypto/src/test/resources/vectors/committee-v1.json: its
 * section "js" was made by the JS library from the section "java" (committee-vectors-gen.mjs); the
 * JS suite (committee-vectors.test.mjs) checks the "java" section.
 */
class CommitteeVectorsTest {
  private static final Path FILE =
      Path.of("..", "crypto", "src", "test", "resources", "vectors", "committee-v1.json");
  private static final ObjectMapper M = CommitteeJson.mapper();
  private static final HexFormat HEX = HexFormat.of();
  private static JsonNode java;
  private static JsonNode js;

  @BeforeAll
  static void load() throws Exception {
    JsonNode root = new ObjectMapper().readTree(Files.readString(FILE));
    java = root.get("java");
    js = root.get("js");
    assertNotNull(
        js,
        "the js section is missing: run node test/committee-vectors-gen.mjs in server/src/main/web");
  }

  @Test
  void javaSectionKeysComeFromTheirSeeds() {
    for (int i = 1; i <= CommitteeVectorGenerator.N; i++) {
      MemberIdentity id = CommitteeVectorGenerator.member(i);
      JsonNode m = java.get("members").get(i - 1);
      assertEquals(m.get("hpkePublicKey").asText(), HEX.formatHex(id.hpkePublicKey()));
      assertEquals(m.get("signingPublicKey").asText(), HEX.formatHex(id.signingPublicKey()));
      assertEquals(m.get("fingerprint").asText(), id.fingerprint());
    }
  }

  /**
   * A registration made in the browser (Tink JSON keysets written by JS, Ed25519 by noble) passes
   * the server's check.
   */
  @Test
  void jsRegistrationPassesTheServersCheck() throws Exception {
    Registration r = M.treeToValue(js.get("registration"), Registration.class);
    r.check();
    assertEquals(PublicKeys.fingerprint(r.hpkePublicKey(), r.signingPublicKey()), r.fingerprint());
    assertEquals(js.get("identity").get("fingerprint").asText(), r.fingerprint());
    assertArrayEquals(r.hpkePublicKey(), PublicKeys.hpkeKeyOf(r.hpkeKeyset().toString()));

    ObjectNode forged = js.get("registration").deepCopy();
    String sig = forged.get("signature").asText();
    forged.put("signature", (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1));
    Registration bad = M.treeToValue(forged, Registration.class);
    assertThrows(
        IllegalArgumentException.class,
        bad::check,
        "a signature that is not the member's is refused");
    ObjectNode renamed = js.get("registration").deepCopy();
    renamed.put("name", "Người khác");
    assertThrows(
        IllegalArgumentException.class,
        M.treeToValue(renamed, Registration.class)::check,
        "the signature covers the name");
  }

  /**
   * A share HPKE-encrypted by the browser to a Java member opens with Tink under the ceremony's
   * info, and only there.
   */
  @Test
  void jsShareOpensInJava() throws Exception {
    JsonNode s = js.get("share");
    CeremonyState c = CeremonyState.fromJson(java.get("ceremony").toString());
    MemberIdentity to = CommitteeVectorGenerator.member(s.get("to").asInt());
    byte[] ct = HEX.parseHex(s.get("ciphertext").asText());
    assertEquals(80, ct.length, "RFC 9180 enc ‖ ct of a 32-byte share");
    byte[] plain =
        to.decrypt(
            ct, CeremonyMath.shareInfo(c.ceremonyId(), s.get("from").asInt(), s.get("to").asInt()));
    assertEquals(s.get("plaintext").asText(), HEX.formatHex(plain));
    assertThrows(
        GeneralSecurityException.class,
        () -> to.decrypt(ct, CeremonyMath.shareInfo(c.ceremonyId(), 3, 1)),
        "the info binds the sender");
    assertThrows(
        GeneralSecurityException.class,
        () ->
            CommitteeVectorGenerator.member(3)
                .decrypt(ct, CeremonyMath.shareInfo(c.ceremonyId(), 2, 1)),
        "another member cannot open it");
  }

  /**
   * The browser's ceremony state is the CLI's MemberState: the strict mapper reads it, with the
   * Java member's values.
   */
  @Test
  void jsMemberStateIsTheClisMemberState() throws Exception {
    MemberState mine = M.treeToValue(js.get("memberState"), MemberState.class);
    MemberState javas = M.treeToValue(java.get("memberStates").get(1), MemberState.class);
    // the secret share has no getter: compare it as the sealed JSON holds it
    assertEquals(M.valueToTree(javas).get("secretShare"), M.valueToTree(mine).get("secretShare"));
    assertTrue(mine.hasSecretShare());
    assertEquals(javas.transcript(), mine.transcript());
    assertEquals(javas.jointKey(), mine.jointKey());
    assertEquals(javas.publicShares(), mine.publicShares());
    assertEquals(mine.publicShares().get(mine.index() - 1), mine.ownPublicShare(), "s_2·G is S_2");
    assertEquals(javas.confirmedFingerprints(), mine.confirmedFingerprints());
    assertTrue(mine.done());
    assertEquals(
        java.get("tallyInput").get("closing").get("head").asText(), mine.decryptedHead().toHex());
  }

  /**
   * The browser's partial decryption passes the server's DecryptionDesk and combines with a Java
   * member's to the truth.
   */
  @Test
  void jsPartialIsAcceptedByTheDeskAndTallies() throws Exception {
    String poll = java.get("pollId").asText();
    InMemoryCeremonyStore store = new InMemoryCeremonyStore();
    store.save(CeremonyState.fromJson(java.get("ceremony").toString()));
    TallyInput input = M.treeToValue(java.get("tallyInput"), TallyInput.class);
    DecryptionDesk desk =
        new DecryptionDesk(new CeremonyCoordinator(store), p -> input, new InMemoryPartialStore());

    ObjectNode relabelled = js.get("partial").deepCopy();
    JsonNode shares = relabelled.get("shares");
    String m0 = shares.get(0).get("M").asText();
    ((ObjectNode) shares.get(0)).put("M", shares.get(1).get("M").asText());
    ((ObjectNode) shares.get(1)).put("M", m0);
    assertThrows(
        CommitteeException.class,
        () -> desk.submit(poll, M.treeToValue(relabelled, PartialDecryption.class)));
    ObjectNode resigned = js.get("partial").deepCopy();
    resigned.put("signature", java.get("partial").get("signature").asText());
    assertThrows(
        CommitteeException.class,
        () -> desk.submit(poll, M.treeToValue(resigned, PartialDecryption.class)));
    assertEquals(0, desk.progress(poll)[0], "nothing accepted");

    desk.submit(poll, M.treeToValue(js.get("partial"), PartialDecryption.class));
    desk.submit(poll, M.treeToValue(java.get("partial"), PartialDecryption.class));
    TallyResult r = desk.tally(poll);
    long[][] truth = M.treeToValue(java.get("truth"), long[][].class);
    List<long[]> counts = r.counts();
    for (int s = 0; s < truth.length; s++) {
      assertArrayEquals(truth[s], counts.get(s), "subject " + (s + 1));
    }
  }
}
