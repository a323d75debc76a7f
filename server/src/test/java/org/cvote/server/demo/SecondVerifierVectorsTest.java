package org.cvote.server.demo;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python second verifier reads the same ballot version 2 vectors as the Java core and the
 * browser library (docs/protocol.md §16), so the three implementations agree byte for byte.
 */
class SecondVerifierVectorsTest {
  private static final Path VECTORS =
      Path.of("../crypto/src/test/resources/vectors/protocol-v2.json");

  @Test
  void theSecondVerifierAgreesWithTheVersion2Vectors() throws Exception {
    SecondVerifier.agreesWithVectorsV2(VECTORS);
  }

  @Test
  void aChangedVectorIsCaught(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode vec = (ObjectNode) json.readTree(VECTORS.toFile());
    // one MID mark moved to HIGH: the counts no longer pack to the decrypted value
    ArrayNode counts = (ArrayNode) vec.path("split").get(0).path("counts");
    counts.set(0, counts.get(0).asLong() + 1);
    Path bad = dir.resolve("protocol-v2.json");
    Files.write(bad, json.writeValueAsBytes(vec));
    assertThrows(AssertionError.class, () -> SecondVerifier.agreesWithVectorsV2(bad));
  }
}
