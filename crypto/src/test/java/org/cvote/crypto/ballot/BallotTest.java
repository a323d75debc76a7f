package org.cvote.crypto.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.junit.jupiter.api.Test;

class BallotTest {
  private final SecureRandom rng = new SecureRandom();
  private final Point k = Point.baseMul(Scalar.random(rng));
  private final Digest q = Digest.sha256(new byte[] {5});
  private final ObjectMapper m = ProtocolJson.mapper();

  private Ballot.Token token() {
    byte[] msg = new byte[112];
    rng.nextBytes(msg);
    return new Ballot.Token(msg, new byte[384]);
  }

  private BallotEncryptor.Encrypted ballot(int... choices) {
    return BallotEncryptor.encrypt("p1", q, k, token(), choices, rng);
  }

  private BallotVerifier verifier(int subjects) {
    return BallotVerifier.create(q, k, "p1", subjects);
  }

  @Test
  void honestBallotsVerifyIncludingBlankRows() {
    Ballot b = ballot(0, 1, 2, BallotEncryptor.BLANK, 1).ballot();
    assertEquals(List.of(), verifier(5).verify(b, rng));
  }

  @Test
  void jsonRoundTripIsExact() throws Exception {
    Ballot b = ballot(2, BallotEncryptor.BLANK).ballot();
    String json = m.writeValueAsString(b);
    Ballot back = m.readValue(json, Ballot.class);
    assertEquals(json, m.writeValueAsString(back));
    assertEquals(List.of(), verifier(2).verify(back, rng));
  }

  @Test
  void wrongRowCountOrOrderOrPollIsNamed() {
    Ballot b = ballot(0, 1).ballot();
    assertEquals("rows", verifier(3).verify(b, rng).get(0).field());
    List<Ballot.Row> swapped = new ArrayList<>(b.rows());
    java.util.Collections.reverse(swapped);
    assertEquals(
        "rows[0].subject",
        verifier(2).verify(new Ballot("p1", b.token(), swapped), rng).get(0).field());
    assertEquals(
        "poll", verifier(2).verify(new Ballot("p2", b.token(), b.rows()), rng).get(0).field());
  }

  @Test
  void rowsCopiedUnderAnotherTokenAreRejected() {
    Ballot b = ballot(0, 1).ballot();
    Ballot copy = new Ballot("p1", token(), b.rows());
    List<BallotVerifier.Problem> problems = verifier(2).verify(copy, rng);
    assertEquals(8, problems.size(), "every proof is bound to τ");
  }

  @Test
  void twoMarksInARowAreImpossibleToProve() {
    // Build a row with HIGH and LOW both 1 by splicing option ciphertexts of two honest ballots
    Ballot.Token t = token();
    BallotEncryptor.Encrypted high = BallotEncryptor.encrypt("p1", q, k, t, new int[] {0}, rng);
    BallotEncryptor.Encrypted low = BallotEncryptor.encrypt("p1", q, k, t, new int[] {2}, rng);
    Ballot.Row h = high.ballot().rows().get(0);
    Ballot.Row l = low.ballot().rows().get(0);
    Ballot.Row both =
        new Ballot.Row(
            1, List.of(h.options().get(0), h.options().get(1), l.options().get(2)), h.rowProof());
    List<BallotVerifier.Problem> p = verifier(1).verify(new Ballot("p1", t, List.of(both)), rng);
    assertEquals(
        List.of("rows[0].rowProof"), p.stream().map(BallotVerifier.Problem::field).toList());
  }

  @Test
  void strictJsonRejectsUnknownDuplicateMissingAndCoercedFields() throws Exception {
    ObjectNode good = m.valueToTree(ballot(1).ballot());
    ObjectNode unknown = good.deepCopy();
    unknown.put("extra", 1);
    JsonMappingException e =
        assertThrows(JsonMappingException.class, () -> m.treeToValue(unknown, Ballot.class));
    ObjectNode missing = good.deepCopy();
    missing.remove("token");
    assertThrows(JsonMappingException.class, () -> m.treeToValue(missing, Ballot.class));
    String dup =
        m.writeValueAsString(good)
            .replaceFirst("\\{\"poll\":\"p1\"", "{\"poll\":\"p1\",\"poll\":\"p1\"");
    assertThrows(
        com.fasterxml.jackson.core.JsonProcessingException.class,
        () -> m.readValue(dup, Ballot.class));
    ObjectNode coerced = good.deepCopy();
    ((ObjectNode) coerced.get("rows").get(0)).put("subject", "1");
    assertThrows(JsonMappingException.class, () -> m.treeToValue(coerced, Ballot.class));
    ObjectNode badPoint = good.deepCopy();
    ((ObjectNode) badPoint.get("rows").get(0).get("options").get(1))
        .put("alpha", "04" + "00".repeat(64));
    JsonMappingException pe =
        assertThrows(JsonMappingException.class, () -> m.treeToValue(badPoint, Ballot.class));
    assertEquals("rows[0].options[1].alpha", ProtocolJson.fieldPath(pe));
    ObjectNode upper = good.deepCopy();
    String beta = upper.get("rows").get(0).get("options").get(0).get("beta").asText();
    ((ObjectNode) upper.get("rows").get(0).get("options").get(0)).put("beta", beta.toUpperCase());
    assertEquals(
        "rows[0].options[0].beta",
        ProtocolJson.fieldPath(
            assertThrows(JsonMappingException.class, () -> m.treeToValue(upper, Ballot.class))));
    assertTrue(ProtocolJson.fieldPath(e).isEmpty() || ProtocolJson.fieldPath(e).equals("extra"));
  }

  @Test
  void chainAndTrackingCode() {
    Digest t0 = BallotHashes.chainStart(q);
    Digest b1 = BallotHashes.ballotHash(q, ballot(0).ballot());
    Digest t1 = BallotHashes.chainNext(t0, b1);
    String code = BallotHashes.trackingCode(t1);
    assertTrue(code.matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"), code);
    assertFalse(
        t1.equals(BallotHashes.chainNext(t0, BallotHashes.ballotHash(q, ballot(0).ballot()))));
  }

  @Test
  void verifierPreconditions() {
    assertThrows(NullPointerException.class, () -> BallotVerifier.create(null, k, "p", 1));
    assertThrows(IllegalArgumentException.class, () -> BallotVerifier.create(q, k, "p", 0));
    assertThrows(
        IllegalArgumentException.class, () -> BallotVerifier.create(q, Point.IDENTITY, "p", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> BallotEncryptor.encrypt("p", q, k, token(), new int[] {3}, rng));
    assertThrows(IllegalArgumentException.class, () -> Labels.option(1, 3));
    assertThrows(IllegalArgumentException.class, () -> BallotHashes.record(List.of()));
  }
}
