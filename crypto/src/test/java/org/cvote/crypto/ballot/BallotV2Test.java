package org.cvote.crypto.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.RowProofV2;
import org.cvote.crypto.proof.RowStatementV2;
import org.junit.jupiter.api.Test;

/** The version 2 ballot (docs/protocol.md §16.2–§16.5) and the tamper cases of issue 24. */
class BallotV2Test {
  private final SecureRandom rng = new SecureRandom();
  private final Point k = Point.baseMul(Scalar.random(rng)).precomputed();
  private final Digest q = Digest.sha256(new byte[] {5});
  private final EncodingV2 enc = EncodingV2.forSummoned(30);
  private final ObjectMapper m = ProtocolJson.mapper();

  private Ballot.Token token() {
    byte[] msg = new byte[112];
    rng.nextBytes(msg);
    return new Ballot.Token(msg, new byte[384]);
  }

  private BallotV2Encryptor.Encrypted ballot(Ballot.Token t, int... choices) {
    return BallotV2Encryptor.encrypt("p1", q, k, enc, t, choices, rng);
  }

  private BallotV2Verifier verifier(int subjects) {
    return BallotV2Verifier.create(q, k, "p1", subjects, enc);
  }

  private static List<String> fields(List<BallotVerifier.Problem> ps) {
    return ps.stream().map(BallotVerifier.Problem::field).toList();
  }

  /** Replaces row i by a row encrypting {@code value} whose proof claims {@code branch}. */
  private BallotV2 withRow(BallotV2 b, int i, long value, int branch) {
    Scalar r = Scalar.random(rng);
    Ciphertext ct = ElGamal.encrypt(k, value, r);
    Digest tau = BallotHashes.tokenHash(b.token().msg());
    RowProofV2 p =
        RowProofV2.prove(
            new RowStatementV2(q, tau, BallotV2.label(i + 1), enc, k, ct), branch, r, rng);
    List<BallotV2.Row> rows = new ArrayList<>(b.rows());
    rows.set(i, new BallotV2.Row(i + 1, ct.alpha(), ct.beta(), p));
    return new BallotV2("p1", b.token(), rows);
  }

  @Test
  void honestBallotsVerifyIncludingBlankRows() {
    BallotV2 b = ballot(token(), 0, 1, 2, BallotV2Encryptor.BLANK, 1).ballot();
    assertEquals(List.of(), verifier(5).verify(b, rng));
  }

  @Test
  void jsonRoundTripIsExactAndHasTheDocumentedShape() throws Exception {
    BallotV2 b = ballot(token(), 2, BallotV2Encryptor.BLANK).ballot();
    String json = m.writeValueAsString(b);
    BallotV2 back = m.readValue(json, BallotV2.class);
    assertEquals(json, m.writeValueAsString(back));
    assertEquals(List.of(), verifier(2).verify(back, rng));
    ObjectNode row = (ObjectNode) m.readTree(json).get("rows").get(0);
    assertEquals(List.of("subject", "alpha", "beta", "proof"), iterable(row.fieldNames()));
    assertEquals(List.of("a", "b", "c", "v"), iterable(row.get("proof").fieldNames()));
    assertEquals(4, row.get("proof").get("a").size());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void aRowEncryptingTwoOrBPlusOneIsRefusedAndNamed() {
    BallotV2 honest = ballot(token(), 0, 1, 2).ballot();
    for (long bad : new long[] {2, enc.base() + 1}) {
      for (int branch = 0; branch < 4; branch++) {
        BallotV2 b = withRow(honest, 1, bad, branch);
        assertEquals(
            List.of("rows[1].proof"),
            fields(verifier(3).verify(b, rng)),
            "value " + bad + " branch " + branch);
      }
    }
  }

  @Test
  void aWrongBranchIsRefused() {
    BallotV2 honest = ballot(token(), 0, 1, 2).ballot();
    // LOW (B²) in row 3, proved as MID
    BallotV2 b = withRow(honest, 2, enc.value(2), EncodingV2.branch(1));
    assertEquals(List.of("rows[2].proof"), fields(verifier(3).verify(b, rng)));
    assertEquals(
        List.of(), verifier(3).verify(withRow(honest, 2, enc.value(2), EncodingV2.branch(2)), rng));
  }

  @Test
  void aRelabelledRowIsRefused() {
    BallotV2 b = ballot(token(), 0, 2).ballot();
    BallotV2.Row r1 = b.rows().get(0);
    BallotV2.Row r2 = b.rows().get(1);
    // rows swapped with their subject fields renumbered: the shape is right, both proofs name the
    // other row
    BallotV2 swapped =
        new BallotV2(
            "p1",
            b.token(),
            List.of(
                new BallotV2.Row(1, r2.alpha(), r2.beta(), r2.proof()),
                new BallotV2.Row(2, r1.alpha(), r1.beta(), r1.proof())));
    assertEquals(
        List.of("rows[0].proof", "rows[1].proof"), fields(verifier(2).verify(swapped, rng)));
    // swapped and not renumbered: refused on shape before any proof
    BallotV2 reordered = new BallotV2("p1", b.token(), List.of(r2, r1));
    assertEquals(
        List.of("rows[0].subject", "rows[1].subject"), fields(verifier(2).verify(reordered, rng)));
  }

  @Test
  void aBallotForAnotherBIsRefused() {
    // A booth using B' ≠ the manifest's B (here B' = B + 1) makes proofs that hold under B' only
    EncodingV2 other = new EncodingV2(enc.base() + 1);
    BallotV2 b =
        BallotV2Encryptor.encrypt(
                "p1", q, k, other, token(), new int[] {0, BallotV2Encryptor.BLANK, 1}, rng)
            .ballot();
    assertEquals(List.of(), BallotV2Verifier.create(q, k, "p1", 3, other).verify(b, rng));
    assertEquals(
        List.of("rows[0].proof", "rows[1].proof", "rows[2].proof"),
        fields(verifier(3).verify(b, rng)));
  }

  @Test
  void rowsCopiedUnderAnotherTokenAreRefused() {
    BallotV2 b = ballot(token(), 0, 1).ballot();
    BallotV2 copy = new BallotV2("p1", token(), b.rows());
    assertEquals(List.of("rows[0].proof", "rows[1].proof"), fields(verifier(2).verify(copy, rng)));
    assertNotEquals(b.hash(q), copy.hash(q));
  }

  @Test
  void wrongRowCountOrPollIsNamed() {
    BallotV2 b = ballot(token(), 0, 1).ballot();
    assertEquals(List.of("rows"), fields(verifier(3).verify(b, rng)));
    assertEquals(
        "poll", verifier(2).verify(new BallotV2("p2", b.token(), b.rows()), rng).get(0).field());
  }

  @Test
  void ballotHashCoversCiphertextsNotProofs() {
    Ballot.Token t = token();
    BallotV2 b = ballot(t, 0, 1).ballot();
    BallotV2 again = ballot(t, 0, 1).ballot();
    assertNotEquals(b.hash(q), again.hash(q), "fresh randomness, fresh hash");
    BallotV2.Row r = b.rows().get(0);
    BallotV2 otherProof =
        new BallotV2(
            "p1",
            t,
            List.of(
                new BallotV2.Row(1, r.alpha(), r.beta(), again.rows().get(0).proof()),
                b.rows().get(1)));
    assertEquals(b.hash(q), otherProof.hash(q));
    assertNotEquals(b.hash(q), b.hash(Digest.sha256(new byte[] {6})));
  }

  @Test
  void strictJsonRejectsUnknownMissingShortAndNonCanonicalFields() throws Exception {
    ObjectNode good = m.valueToTree(ballot(token(), 1).ballot());
    ObjectNode unknown = good.deepCopy();
    ((ObjectNode) unknown.get("rows").get(0)).put("options", 1);
    assertThrows(JsonMappingException.class, () -> m.treeToValue(unknown, BallotV2.class));
    ObjectNode missing = good.deepCopy();
    ((ObjectNode) missing.get("rows").get(0)).remove("proof");
    assertThrows(JsonMappingException.class, () -> m.treeToValue(missing, BallotV2.class));
    ObjectNode three = good.deepCopy();
    ((ArrayNode) three.get("rows").get(0).get("proof").get("v")).remove(3);
    JsonMappingException e3 =
        assertThrows(JsonMappingException.class, () -> m.treeToValue(three, BallotV2.class));
    assertEquals("rows[0].proof", ProtocolJson.fieldPath(e3));
    ObjectNode bigScalar = good.deepCopy();
    ((ArrayNode) bigScalar.get("rows").get(0).get("proof").get("c"))
        .set(
            0,
            m.getNodeFactory()
                .textNode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"));
    JsonMappingException es =
        assertThrows(JsonMappingException.class, () -> m.treeToValue(bigScalar, BallotV2.class));
    assertEquals("rows[0].proof.c[0]", ProtocolJson.fieldPath(es));
    ObjectNode offCurve = good.deepCopy();
    ((ObjectNode) offCurve.get("rows").get(0)).put("beta", "04" + "00".repeat(63) + "01");
    assertEquals(
        "rows[0].beta",
        ProtocolJson.fieldPath(
            assertThrows(
                JsonMappingException.class, () -> m.treeToValue(offCurve, BallotV2.class))));
    // a version 1 ballot is not a version 2 ballot, and the other way round
    assertThrows(
        JsonMappingException.class,
        () ->
            m.treeToValue(
                m.valueToTree(
                    BallotEncryptor.encrypt("p1", q, k, token(), new int[] {1}, rng).ballot()),
                BallotV2.class));
    assertThrows(JsonMappingException.class, () -> m.treeToValue(good, Ballot.class));
  }

  @Test
  void verifierPreconditions() {
    assertThrows(IllegalArgumentException.class, () -> BallotV2Verifier.create(q, k, "p1", 0, enc));
    assertThrows(
        IllegalArgumentException.class,
        () -> BallotV2Verifier.create(q, Point.IDENTITY, "p1", 1, enc));
    assertThrows(NullPointerException.class, () -> BallotV2Verifier.create(q, k, "p1", 1, null));
    assertThrows(IllegalArgumentException.class, () -> ballot(token(), 3));
  }
}
