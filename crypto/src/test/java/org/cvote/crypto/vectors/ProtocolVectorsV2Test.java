package org.cvote.crypto.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.proof.RowProofV2;
import org.cvote.crypto.proof.RowStatementV2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the committed ballot version 2 vectors (protocol-v2.json; the browser library's node tests
 * read the same file).
 */
class ProtocolVectorsV2Test {
  private static JsonNode root;
  private static final ObjectMapper M = ProtocolJson.mapper();
  private final SecureRandom rng = new SecureRandom();

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        ProtocolVectorsV2Test.class.getResourceAsStream("/vectors/protocol-v2.json")) {
      root = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void generatorReproducesTheCommittedFileExactly() throws Exception {
    JsonNode regenerated =
        new ObjectMapper()
            .readTree(new ObjectMapper().writeValueAsString(new VectorGeneratorV2().generate()));
    assertTrue(
        root.equals(regenerated),
        "the committed v2 vectors differ from what the generator produces: regenerate them");
  }

  @Test
  void manifestHashBindsTheBase() throws Exception {
    JsonNode m = root.get("manifest");
    ObjectNode json = (ObjectNode) m.get("manifest").deepCopy();
    assertEquals(2, json.remove("ballotVersion").intValue());
    EncodingV2 enc = new EncodingV2(json.remove("base").intValue());
    Manifest manifest = M.treeToValue(json, Manifest.class);
    assertEquals(m.get("hash").asText(), enc.manifestHash(manifest).toHex());
    assertEquals(m.get("v1Hash").asText(), manifest.hash().toHex());
  }

  private static RowStatementV2 statement(JsonNode o) {
    return new RowStatementV2(
        Digest.fromHex(o.get("Q").asText()),
        Digest.fromHex(o.get("tau").asText()),
        o.get("label").asText(),
        new EncodingV2(o.get("B").intValue()),
        Point.fromHex(o.get("K").asText()),
        new Ciphertext(
            Point.fromHex(o.get("alpha").asText()), Point.fromHex(o.get("beta").asText())));
  }

  private static RowProofV2 proof(JsonNode o) throws Exception {
    return M.treeToValue(o.get("proof"), RowProofV2.class);
  }

  private static Scalar[] nullable(JsonNode arr) {
    Scalar[] out = new Scalar[arr.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = arr.get(j).isNull() ? null : Scalar.fromHex(arr.get(j).asText());
    }
    return out;
  }

  @Test
  void everyRowProofVerifiesAndIsReproducedFromItsNonces() throws Exception {
    assertEquals(8, root.get("rowProofs").size());
    BatchVerifier<Integer> batch = new BatchVerifier<>(rng);
    int i = 0;
    for (JsonNode o : root.get("rowProofs")) {
      RowStatementV2 st = statement(o);
      RowProofV2 p = proof(o);
      assertTrue(p.verify(st), o.toString());
      int branch = o.get("branch").intValue();
      Scalar r = Scalar.fromHex(o.get("r").asText());
      assertEquals(st.ct(), ElGamal.encrypt(st.jointKey(), o.get("m").longValue(), r));
      assertEquals(st.values().get(branch), o.get("m").longValue());
      JsonNode n = o.get("nonces");
      assertEquals(
          p,
          RowProofV2.prove(
              st,
              branch,
              r,
              Scalar.fromHex(n.get("u").asText()),
              nullable(n.get("c")),
              nullable(n.get("v"))));
      batch.addRowV2(i++, st, p);
    }
    assertEquals(List.of(), batch.failures());
  }

  @Test
  void everyInvalidRowProofFailsSinglyAndIsNamedInABatch() throws Exception {
    assertTrue(root.get("invalidRowProofs").size() >= 9);
    BatchVerifier<String> batch = new BatchVerifier<>(rng);
    List<String> expected = new ArrayList<>();
    int i = 0;
    for (JsonNode o : root.get("rowProofs")) {
      batch.addRowV2("valid" + i++, statement(o), proof(o));
    }
    for (JsonNode o : root.get("invalidRowProofs")) {
      String why = o.get("why").asText();
      assertFalse(proof(o).verify(statement(o)), why);
      batch.addRowV2(why, statement(o), proof(o));
      expected.add(why);
    }
    assertEquals(expected, batch.failures());
  }

  @Test
  void ballotDecodesStrictlyVerifiesAndHashes() throws Exception {
    JsonNode b = root.get("ballots").get(0);
    BallotV2 ballot = ProtocolJson.decode(M.writeValueAsBytes(b.get("ballot")), BallotV2.class);
    Digest q = Digest.fromHex(b.get("Q").asText());
    Point k = Point.fromHex(b.get("K").asText());
    EncodingV2 enc = new EncodingV2(b.get("B").intValue());
    assertEquals(
        List.of(),
        BallotV2Verifier.create(q, k, b.get("pollId").asText(), ballot.rows().size(), enc)
            .verify(ballot, rng));
    assertEquals(b.get("tau").asText(), BallotHashes.tokenHash(ballot.token().msg()).toHex());
    assertEquals(b.get("hash").asText(), ballot.hash(q).toHex());
    assertEquals(b.get("chain0").asText(), BallotHashes.chainStart(q).toHex());
    // the key fingerprint read aloud after the ceremony (docs/protocol.md §8.9)
    assertEquals(b.get("keyFingerprint").asText(), Context.keyFingerprint(k));
    assertEquals(
        b.get("chain").asText(),
        BallotHashes.chainNext(BallotHashes.chainStart(q), ballot.hash(q)).toHex());
    assertEquals(
        b.get("trackingCode").asText(),
        BallotHashes.trackingCode(Digest.fromHex(b.get("chain").asText())));
    // cast-or-audit: the revealed choices and randomness re-encrypt to the rows
    for (int i = 0; i < ballot.rows().size(); i++) {
      Ciphertext ct =
          ElGamal.encrypt(
              k,
              enc.value(b.get("choices").get(i).intValue()),
              Scalar.fromHex(b.get("randomness").get(i).asText()));
      assertEquals(ct, new Ciphertext(ballot.rows().get(i).alpha(), ballot.rows().get(i).beta()));
    }
    assertEquals(
        M.writeValueAsString(b.get("ballot")),
        M.writeValueAsString(ballot),
        "the vector is the canonical serialisation");
  }

  @Test
  void splitsAndRefusals() {
    for (JsonNode s : root.get("split")) {
      EncodingV2 e = new EncodingV2(s.get("B").intValue());
      long[] counts = {
        s.get("counts").get(0).longValue(),
        s.get("counts").get(1).longValue(),
        s.get("counts").get(2).longValue()
      };
      assertArrayEquals(counts, e.split(s.get("value").longValue(), s.get("N").intValue()));
      assertEquals(s.get("value").longValue(), e.pack(counts[0], counts[1], counts[2]));
    }
    for (JsonNode s : root.get("badSplit")) {
      EncodingV2 e = new EncodingV2(s.get("B").intValue());
      assertThrows(
          IllegalArgumentException.class,
          () -> e.split(s.get("value").longValue(), s.get("N").intValue()),
          s.get("why").asText());
    }
  }
}
