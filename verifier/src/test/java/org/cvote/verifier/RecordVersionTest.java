package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.testkit.fixture.ElectionFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records carry their protocol version and the verifier applies that version's checks. {@code
 * records/v1-demo} was published by {@code cvote demo --auto --voters 5 --members 3 --threshold 2
 * --subjects 2} before the closing statement existed (version 1: no "version" field, no closing
 * statement, no partial signatures): it must still verify, without V12 being demanded of it.
 */
class RecordVersionTest {
  @TempDir Path tmp;

  static Path v1() throws URISyntaxException {
    return Path.of(RecordVersionTest.class.getResource("/records/v1-demo/record.sig").toURI())
        .getParent();
  }

  static JsonNode check(RecordTools.Run r, String id) {
    for (JsonNode c : r.json().get("checks")) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no check " + id + " in " + r.out());
  }

  @Test
  void aVersion1RecordStillVerifiesAndV12IsNotDemanded() throws Exception {
    Path d = v1();
    assertFalse(
        new String(Files.readAllBytes(d.resolve(RecordFiles.AGGREGATE))).contains("\"version\""),
        "a version 1 record");
    RecordTools.Run r = RecordTools.verifyJson(d);
    assertEquals(0, r.exit(), r.out() + r.err());
    JsonNode v12 = check(r, "V12");
    assertTrue(v12.get("passed").asBoolean(), v12.toString());
    assertEquals(
        0, v12.get("checked").asLong(), "nothing of V12 checked on a version 1 record: " + v12);
    assertTrue(r.out().contains("version 1"), r.out());
    // the plain text report says so too
    RecordTools.Run text = RecordTools.run(d.toString());
    assertEquals(0, text.exit(), text.out());
  }

  @Test
  void aVersion1RecordWithVersion2FieldsButNoVersionIsRejected() throws Exception {
    Path d = tmp.resolve("v1-with-partials");
    ElectionFixture.copy(v1(), d);
    RecordTools.edit(d, RecordFiles.DECRYPTION, x -> x.putArray("partials"));
    // not re-signed (the key of the demo is gone): V11 fails too, and V1 names the inconsistency
    RecordTools.Run r = RecordTools.verifyJson(d);
    assertEquals(1, r.exit());
    assertTrue(r.failed().contains("V1"), r.failed().toString());
    assertTrue(
        r.items("V1").stream().anyMatch(s -> s.contains("aggregate.json version")),
        r.items("V1").toString());
  }

  @Test
  void aVersion2RecordRunsV12() throws IOException {
    Path d = tmp.resolve("v2");
    ElectionFixture.write(ElectionFixture.Spec.small(), d);
    RecordTools.Run r = RecordTools.verifyJson(d);
    assertEquals(0, r.exit(), r.out());
    JsonNode v12 = check(r, "V12");
    assertTrue(v12.get("passed").asBoolean());
    assertTrue(v12.get("checked").asLong() >= 7, "statement (5) and one per partial (2): " + v12);
  }
}
