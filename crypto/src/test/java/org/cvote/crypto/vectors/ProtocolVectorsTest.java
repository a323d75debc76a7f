package org.cvote.crypto.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.proof.RangeProof;
import org.cvote.crypto.proof.RangeStatement;
import org.cvote.crypto.proof.SchnorrProof;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the committed cross-language vectors (the browser library's node tests read the same
 * file).
 */
class ProtocolVectorsTest {
  private static JsonNode root;
  private static final ObjectMapper M = ProtocolJson.mapper();

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        ProtocolVectorsTest.class.getResourceAsStream("/vectors/protocol-v1.json")) {
      root = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void generatorReproducesTheCommittedFileExactly() throws Exception {
    JsonNode regenerated =
        new ObjectMapper()
            .readTree(new ObjectMapper().writeValueAsString(new VectorGenerator().generate()));
    assertTrue(
        root.equals(regenerated),
        "the committed vectors differ from what the generator produces: regenerate them");
  }

  @Test
  void pointsAreScalarTimesG() {
    assertTrue(root.get("points").size() >= 3);
    for (JsonNode p : root.get("points")) {
      assertEquals(
          p.get("kG").asText(), Point.baseMul(Scalar.fromHex(p.get("k").asText())).toHex());
      assertEquals(p.get("kG").asText(), Point.fromHex(p.get("kG").asText()).toHex());
    }
  }

  @Test
  void everyBadPointIsRejected() {
    assertTrue(root.get("badPoints").size() >= 10);
    for (JsonNode b : root.get("badPoints")) {
      assertThrows(
          EncodingException.class,
          () -> Point.fromHex(b.get("hex").asText()),
          b.get("why").asText());
    }
  }

  @Test
  void everyBadScalarIsRejected() {
    for (JsonNode b : root.get("badScalars")) {
      assertThrows(
          EncodingException.class,
          () -> Scalar.fromHex(b.get("hex").asText()),
          b.get("why").asText());
    }
  }

  /**
   * docs/protocol.md §9.5: C, its signature under the record key, the head fingerprint, and a
   * member's payload P.
   */
  @Test
  void closingStatementAndPartialPayload() throws Exception {
    JsonNode c = root.get("closing");
    Digest q = Digest.fromHex(c.get("Q").asText());
    Digest head = Digest.fromHex(c.get("head").asText());
    Digest digest =
        org.cvote.crypto.record.ClosingStatement.digest(
            c.get("pollId").asText(), q, c.get("count").asLong(), head);
    assertEquals(c.get("C").asText(), digest.toHex());
    byte[] seed = Hex.decode(c.get("recordKeySeed").asText());
    byte[] key = Hex.decode(c.get("recordKey").asText());
    assertEquals(
        c.get("recordKey").asText(),
        Hex.encode(org.cvote.crypto.record.RecordSignature.publicKey(seed)));
    assertEquals(
        c.get("signature").asText(),
        Hex.encode(org.cvote.crypto.record.RecordSignature.sign(seed, digest)),
        "RFC 8032 is deterministic");
    var cs =
        new org.cvote.crypto.record.ClosingStatement(
            c.get("pollId").asText(),
            q,
            c.get("count").asLong(),
            head,
            Hex.decode(c.get("signature").asText()));
    assertTrue(cs.verify(key));
    assertFalse(
        new org.cvote.crypto.record.ClosingStatement(
                cs.poll(), cs.q(), cs.count() + 1, head, cs.signature())
            .verify(key));
    assertEquals(c.get("fingerprint").asText(), cs.headFingerprint());
    assertTrue(
        org.cvote.crypto.record.ClosingStatement.matchesFingerprint(
            head, c.get("fingerprint").asText().toLowerCase()));
    JsonNode p = c.get("partial");
    var share =
        ProtocolJson.mapper()
            .treeToValue(p.get("share"), org.cvote.crypto.record.DecryptionFile.Share.class);
    assertEquals(
        p.get("P").asText(),
        org.cvote.crypto.record.PartialSignature.payload(
                q, p.get("member").asInt(), c.get("count").asLong(), head, List.of(share))
            .toHex());
    assertFalse(
        p.get("P")
            .asText()
            .equals(
                org.cvote.crypto.record.PartialSignature.payload(
                        q,
                        p.get("member").asInt(),
                        c.get("count").asLong(),
                        Digest.sha256(new byte[1]),
                        List.of(share))
                    .toHex()),
        "P binds T_N");
  }

  @Test
  void hashes() {
    for (JsonNode h : root.get("hashes")) {
      Transcript t1 = Transcript.of(Tag.ofText(h.get("tag").asText()));
      Transcript t2 = Transcript.of(Tag.ofText(h.get("tag").asText()));
      for (JsonNode in : h.get("inputs")) {
        for (Transcript t : List.of(t1, t2)) {
          String v = in.get("value").asText();
          switch (in.get("kind").asText()) {
            case "point" -> t.point(Point.fromHex(v));
            case "scalar" -> t.scalar(Scalar.fromHex(v));
            case "int" -> t.integer(in.get("value").asLong());
            case "string" -> t.string(v);
            case "hash" -> t.hash(Digest.fromHex(v));
            case "bytes" -> t.bytes(Hex.decode(v));
            default -> throw new AssertionError(in);
          }
        }
      }
      assertEquals(h.get("H").asText(), t1.digest().toHex());
      assertEquals(h.get("Hq").asText(), t2.challenge().toHex());
    }
  }

  @Test
  void elgamalWithFixedR() {
    for (JsonNode e : root.get("elgamal")) {
      Ciphertext ct =
          ElGamal.encrypt(
              Point.fromHex(e.get("K").asText()),
              e.get("m").asInt(),
              Scalar.fromHex(e.get("r").asText()));
      assertEquals(e.get("alpha").asText(), ct.alpha().toHex());
      assertEquals(e.get("beta").asText(), ct.beta().toHex());
    }
  }

  private static RangeStatement rangeStatement(JsonNode o) {
    Ciphertext ct =
        new Ciphertext(
            Point.fromHex(o.get("alpha").asText()), Point.fromHex(o.get("beta").asText()));
    return RangeStatement.of(
        Digest.fromHex(o.get("Q").asText()),
        Digest.fromHex(o.get("tau").asText()),
        o.get("label").asText(),
        Point.fromHex(o.get("K").asText()),
        ct,
        o.get("L").asInt());
  }

  @Test
  void rangeProofsReproducedFromTheirNoncesAndVerify() throws Exception {
    for (JsonNode o : root.get("rangeProofs")) {
      RangeStatement st = rangeStatement(o);
      int n = st.maxValue() + 1;
      Scalar[] cs = new Scalar[n];
      Scalar[] vs = new Scalar[n];
      for (int j = 0; j < n; j++) {
        JsonNode c = o.get("nonces").get("c").get(j);
        JsonNode v = o.get("nonces").get("v").get(j);
        cs[j] = c.isNull() ? null : Scalar.fromHex(c.asText());
        vs[j] = v.isNull() ? null : Scalar.fromHex(v.asText());
      }
      RangeProof p =
          RangeProof.prove(
              st,
              o.get("m").asInt(),
              Scalar.fromHex(o.get("r").asText()),
              Scalar.fromHex(o.get("nonces").get("u").asText()),
              cs,
              vs);
      assertEquals(o.get("proof"), M.valueToTree(p));
      assertTrue(M.treeToValue(o.get("proof"), RangeProof.class).verify(st));
    }
  }

  @Test
  void schnorrAndDleqReproduced() throws Exception {
    for (JsonNode o : root.get("schnorrProofs")) {
      SchnorrProof p =
          SchnorrProof.prove(
              Digest.fromHex(o.get("ceremonyId").asText()),
              o.get("member").asInt(),
              o.get("coefficient").asInt(),
              Scalar.fromHex(o.get("a").asText()),
              Scalar.fromHex(o.get("u").asText()));
      assertEquals(o.get("proof"), M.valueToTree(p));
      assertTrue(
          p.verify(
              Digest.fromHex(o.get("ceremonyId").asText()),
              o.get("member").asInt(),
              o.get("coefficient").asInt(),
              Point.fromHex(o.get("A").asText())));
    }
    for (JsonNode o : root.get("dleqProofs")) {
      DecryptionProof.Statement st = dleqStatement(o);
      DecryptionProof p =
          DecryptionProof.prove(
              st, Scalar.fromHex(o.get("s").asText()), Scalar.fromHex(o.get("u").asText()));
      assertEquals(o.get("proof"), M.valueToTree(p));
      assertTrue(p.verify(st));
    }
  }

  private static DecryptionProof.Statement dleqStatement(JsonNode o) {
    return new DecryptionProof.Statement(
        Digest.fromHex(o.get("Q").asText()),
        o.get("member").asInt(),
        o.get("label").asText(),
        Point.fromHex(o.get("S").asText()),
        Point.fromHex(o.get("alpha").asText()),
        Point.fromHex(o.get("M").asText()));
  }

  @Test
  void everyInvalidProofIsRejected() throws Exception {
    assertTrue(root.get("invalidProofs").size() >= 9);
    for (JsonNode o : root.get("invalidProofs")) {
      String why = o.get("why").asText();
      boolean ok =
          switch (o.get("type").asText()) {
            case "range" ->
                M.treeToValue(o.get("proof"), RangeProof.class).verify(rangeStatement(o));
            case "schnorr" ->
                M.treeToValue(o.get("proof"), SchnorrProof.class)
                    .verify(
                        Digest.fromHex(o.get("ceremonyId").asText()),
                        o.get("member").asInt(),
                        o.get("coefficient").asInt(),
                        Point.fromHex(o.get("A").asText()));
            case "dleq" ->
                M.treeToValue(o.get("proof"), DecryptionProof.class).verify(dleqStatement(o));
            default -> throw new AssertionError(why);
          };
      assertFalse(ok, why);
    }
  }

  @Test
  void manifestHash() throws Exception {
    Manifest m = M.treeToValue(root.get("manifest").get("manifest"), Manifest.class);
    assertEquals(root.get("manifest").get("hash").asText(), m.hash().toHex());
  }

  @Test
  void ballotsVerifyAndHashAndChain() throws Exception {
    for (JsonNode o : root.get("ballots")) {
      Ballot b = M.treeToValue(o.get("ballot"), Ballot.class);
      Digest q = Digest.fromHex(o.get("Q").asText());
      assertEquals(o.get("tau").asText(), BallotHashes.tokenHash(b.token().msg()).toHex());
      BallotVerifier v =
          BallotVerifier.create(
              q, Point.fromHex(o.get("K").asText()), o.get("pollId").asText(), b.rows().size());
      assertEquals(List.of(), v.verify(b, new SecureRandom()));
      Digest bh = BallotHashes.ballotHash(q, b);
      assertEquals(o.get("hash").asText(), bh.toHex());
      Digest t0 = BallotHashes.chainStart(q);
      assertEquals(o.get("chain0").asText(), t0.toHex());
      Digest t1 = BallotHashes.chainNext(t0, bh);
      assertEquals(o.get("chain").asText(), t1.toHex());
      assertEquals(o.get("trackingCode").asText(), BallotHashes.trackingCode(t1));
      assertEquals(o.get("receiptHash").asText(), BallotHashes.receipt(q, 1, bh, t1).toHex());
      // the same ballot re-serialised is byte-identical JSON (one encoding per value)
      assertEquals(o.get("ballot"), M.valueToTree(b));
      List<String> labels = new ArrayList<>();
      b.rows().forEach(r -> labels.add("s" + r.subject()));
      assertEquals(List.of("s1", "s2"), labels);
    }
  }
}
