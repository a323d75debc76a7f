package org.cvote.crypto.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.RecordJson;
import org.junit.jupiter.api.Test;

/**
 * The one context type's JSON: the server's stored poll context (context.json's fields, then K_ij).
 */
class ContextJsonTest {
  private static Context context() {
    List<List<Point>> k =
        List.of(
            List.of(Point.baseMul(3), Point.baseMul(4)),
            List.of(Point.baseMul(5), Point.baseMul(6)),
            List.of(Point.baseMul(7), Point.baseMul(8)));
    return new Context(
        Digest.sha256(new byte[] {1}),
        3,
        2,
        k,
        Point.baseMul(9),
        Digest.sha256(new byte[] {2}),
        Digest.sha256(new byte[] {3}));
  }

  @Test
  void writesContextJsonFieldsInOrderThenTheCommitments() throws Exception {
    Context c = context();
    String json = new String(RecordJson.write(c), StandardCharsets.UTF_8);
    String expected =
        "{\"manifestHash\":\""
            + c.manifestHash().toHex()
            + "\",\"n\":3,\"t\":2,\"jointKey\":\""
            + c.jointKey().toHex()
            + "\",\"tokenKeyHash\":\""
            + c.tokenKeyHash().toHex()
            + "\",\"signingKeyHash\":\""
            + c.signingKeyHash().toHex()
            + "\",\"Q\":\""
            + c.hash().toHex()
            + "\",\"commitments\":[[\""
            + Point.baseMul(3).toHex()
            + "\",\""
            + Point.baseMul(4).toHex()
            + "\"],[\""
            + Point.baseMul(5).toHex()
            + "\",\""
            + Point.baseMul(6).toHex()
            + "\"],[\""
            + Point.baseMul(7).toHex()
            + "\",\""
            + Point.baseMul(8).toHex()
            + "\"]]}";
    assertEquals(expected, json);
    Context back = RecordJson.lenient().readValue(json, Context.class);
    assertEquals(c, back);
    assertArrayEquals(RecordJson.write(c), RecordJson.write(back));
    // context.json is the same prefix without the commitments
    String file = new String(RecordJson.write(ContextFile.of(c)), StandardCharsets.UTF_8);
    assertTrue(json.startsWith(file.substring(0, file.length() - 1) + ",\"commitments\":"));
  }

  @Test
  void refusesAStoredQThatIsNotTheHashOfItsInputs() {
    Context c = context();
    String json =
        new String(RecordJson.write(c), StandardCharsets.UTF_8)
            .replace(c.hash().toHex(), Digest.sha256(new byte[] {4}).toHex());
    JsonMappingException e =
        assertThrows(
            JsonMappingException.class, () -> RecordJson.lenient().readValue(json, Context.class));
    assertTrue(e.getMessage().contains("Q is not the hash"), e.getMessage());
  }

  @Test
  void refusesCommitmentsOfTheWrongShape() {
    Context c = context();
    String json =
        new String(RecordJson.write(c), StandardCharsets.UTF_8)
            .replace(",\"" + Point.baseMul(8).toHex() + "\"]", "]");
    assertThrows(
        JsonMappingException.class, () -> RecordJson.lenient().readValue(json, Context.class));
  }
}
