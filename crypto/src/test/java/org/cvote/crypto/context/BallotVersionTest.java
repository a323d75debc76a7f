package org.cvote.crypto.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A manifest's ballot version has one reading (docs/protocol.md §16.1). */
class BallotVersionTest {
  private final ObjectMapper m = new ObjectMapper();
  private final Manifest manifest =
      new Manifest("p", "T", List.of(new Manifest.Subject(1, "A", "B", "C")));

  private ObjectNode json() {
    return m.valueToTree(manifest);
  }

  @Test
  void versionOneHasNeitherFieldAndVersionTwoHasBoth() {
    assertEquals(Optional.empty(), BallotVersion.of(json()));
    assertEquals(
        Optional.of(new EncodingV2(41)),
        BallotVersion.of(json().put("ballotVersion", 2).put("base", 41)));
    assertEquals(manifest.hash(), BallotVersion.manifestHash(manifest, Optional.empty()));
    assertEquals(
        new EncodingV2(41).manifestHash(manifest),
        BallotVersion.manifestHash(manifest, Optional.of(new EncodingV2(41))));
  }

  @Test
  void everyOtherFormIsRefusedNamingTheField() {
    for (ObjectNode bad :
        List.of(
            json().put("base", 41),
            json().put("ballotVersion", 1),
            json().put("ballotVersion", 3).put("base", 41),
            json().put("ballotVersion", "2").put("base", 41),
            json().put("ballotVersion", 2.0).put("base", 41),
            json().put("ballotVersion", 2),
            json().put("ballotVersion", 2).put("base", 1),
            json().put("ballotVersion", 2).put("base", 10_002),
            json().put("ballotVersion", 2).put("base", "41"),
            json().put("ballotVersion", 2).put("base", 41.5))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> BallotVersion.of(bad), bad.toString());
      assertEquals(
          true,
          e.getMessage().startsWith("ballotVersion") || e.getMessage().startsWith("base"),
          e.getMessage());
    }
  }
}
