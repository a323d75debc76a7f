package org.cvote.crypto.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.cvote.crypto.encoding.EncodingException;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.DecryptionProof;
import org.junit.jupiter.api.Test;

class RecordModelTest {
  private final SecureRandom rng = new SecureRandom();

  @Test
  void fileListsAreTheContractsOrder() {
    assertEquals(
        List.of(
            "manifest.json",
            "context.json",
            "committee.json",
            "token-key.json",
            "ballots.ndjson",
            "aggregate.json",
            "decryption.json",
            "tally.json"),
        RecordFiles.SIGNED);
    assertEquals(10, RecordFiles.ALL.size());
  }

  @Test
  void contextFileUsesCapitalQ() throws Exception {
    Point k = Point.baseMul(Scalar.random(rng));
    Digest d = Digest.sha256(new byte[] {1});
    ContextFile c = new ContextFile(d, 3, 2, k, d, d, d);
    String json = new String(RecordJson.write(c), StandardCharsets.UTF_8);
    JsonNode node = RecordJson.lenient().readTree(json);
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertEquals(
        List.of("manifestHash", "n", "t", "jointKey", "tokenKeyHash", "signingKeyHash", "Q"),
        names);
    assertEquals(c, RecordJson.lenient().readValue(json, ContextFile.class));
  }

  @Test
  void decryptionShareUsesCapitalMAndExtraFieldsAreAllowedOutsideBallots() throws Exception {
    Point p = Point.baseMul(Scalar.random(rng));
    Scalar s = Scalar.random(rng);
    DecryptionFile f =
        new DecryptionFile(
            List.of(1, 2),
            List.of(new DecryptionFile.Share(1, "s1/o0", p, new DecryptionProof(p, p, s, s))));
    String json = new String(RecordJson.write(f), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"M\":\""), json);
    assertFalse(json.contains("\"m\":"), json);
    String extra = json.replaceFirst("\\{", "{\"note\":\"x\",");
    assertEquals(
        f.shares().get(0).m(),
        RecordJson.lenient().readValue(extra, DecryptionFile.class).shares().get(0).m());
    String dup = json.replaceFirst("\\{", "{\"members\":[],");
    assertThrows(
        com.fasterxml.jackson.core.JsonProcessingException.class,
        () -> RecordJson.lenient().readValue(dup, DecryptionFile.class));
  }

  @Test
  void tallyRoundTripsWithFlagNames() throws Exception {
    TallyFile t = new TallyFile(10, 9, 1, 9, 8, 3, List.of(TallyFile.Result.of(1, 1, 0, 2, 3)));
    String json = new String(RecordJson.write(t), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"flag\":\"TWO_THIRDS_LOW\""), json);
    assertTrue(json.contains("\"percent\":[\"33.33\",\"0.00\",\"66.67\"]"), json);
    assertEquals(t, RecordJson.lenient().readValue(json, TallyFile.class));
  }

  @Test
  void recordSignatureSignsAndVerifiesAndParsesStrictly() {
    byte[] sk = new byte[32];
    rng.nextBytes(sk);
    byte[] pk = RecordSignature.publicKey(sk);
    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      files.add(("file " + i).getBytes(StandardCharsets.UTF_8));
    }
    Digest d = RecordSignature.digestOfFiles(files);
    byte[] sig = RecordSignature.sign(sk, d);
    assertTrue(RecordSignature.verify(pk, d, sig));
    byte[] text = RecordSignature.format(sig);
    assertArrayEquals(sig, RecordSignature.parse(text));
    assertArrayEquals(sig, RecordSignature.parse(java.util.Arrays.copyOf(text, 128)));
    files.set(4, "other".getBytes(StandardCharsets.UTF_8));
    assertFalse(RecordSignature.verify(pk, RecordSignature.digestOfFiles(files), sig));
    byte[] upper =
        new String(text, StandardCharsets.US_ASCII)
            .toUpperCase()
            .getBytes(StandardCharsets.US_ASCII);
    assertThrows(EncodingException.class, () -> RecordSignature.parse(upper));
    byte[] twoNewlines = java.util.Arrays.copyOf(text, 130);
    twoNewlines[129] = '\n';
    assertThrows(EncodingException.class, () -> RecordSignature.parse(twoNewlines));
    sig[0] ^= 1;
    assertFalse(RecordSignature.verify(pk, d, sig));
    assertFalse(RecordSignature.verify(new byte[31], d, sig));
  }
}
