package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.testkit.fixture.ElectionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte changes anywhere in a record never crash the verifier: every run ends with exit 1 or
 * 2.
 */
class RobustnessTest {
  @TempDir static Path tmp;
  static Path valid;

  @BeforeAll
  static void build() {
    valid = tmp.resolve("valid");
    ElectionFixture.write(ElectionFixture.Spec.small().withBallots(3), valid);
  }

  @Test
  void randomByteChangesAreFailuresNeverCrashes() throws Exception {
    Random rnd = new Random(Long.getLong("robustness.seed", 2026));
    for (int i = 0; i < Integer.getInteger("robustness.iterations", 60); i++) {
      Path d = tmp.resolve("m" + i);
      ElectionFixture.copy(valid, d);
      String file = RecordFiles.ALL.get(rnd.nextInt(RecordFiles.ALL.size()));
      byte[] b = Files.readAllBytes(d.resolve(file));
      int at = rnd.nextInt(b.length);
      byte[] alphabet =
          "0123456789abcdefABCDEF{}[],:\" \n-x"
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      b[at] = rnd.nextBoolean() ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
      Files.write(d.resolve(file), b);
      RecordTools.Run r = RecordTools.run(d.toString(), "--threads", "2", "--chunk", "2");
      String why = file + " byte " + at + ": exit " + r.exit() + "\n" + r.out() + r.err();
      assertTrue(r.exit() == 1 || r.exit() == 2 || (r.exit() == 0 && unchangedMeaning(r)), why);
      assertTrue(!r.err().contains("internal error"), why);
    }
    assertEquals(0, RecordTools.run(valid.toString()).exit());
  }

  @Test
  void randomStructuralChangesAreFailuresNeverCrashes() throws Exception {
    Random rnd = new Random(Long.getLong("robustness.seed", 2026) + 1);
    com.fasterxml.jackson.databind.ObjectMapper m = RecordTools.JSON;
    for (int i = 0; i < Integer.getInteger("robustness.iterations", 60); i++) {
      Path d = tmp.resolve("s" + i);
      ElectionFixture.copy(valid, d);
      java.util.List<String> jsonFiles =
          RecordFiles.ALL.stream().filter(f -> !f.equals(RecordFiles.SIGNATURE)).toList();
      String file = jsonFiles.get(rnd.nextInt(jsonFiles.size()));
      String desc;
      if (file.equals(RecordFiles.BALLOTS)) {
        java.util.List<String> lines = RecordTools.lines(d);
        int k = rnd.nextInt(lines.size());
        com.fasterxml.jackson.databind.JsonNode n = m.readTree(lines.get(k));
        desc = mutate(n, rnd, m);
        lines.set(k, m.writeValueAsString(n));
        RecordTools.writeLines(d, lines);
      } else {
        com.fasterxml.jackson.databind.JsonNode n = m.readTree(d.resolve(file).toFile());
        desc = mutate(n, rnd, m);
        Files.write(d.resolve(file), m.writeValueAsBytes(n));
      }
      RecordTools.Run r = RecordTools.run(d.toString(), "--threads", "2", "--chunk", "2");
      String why = file + " " + desc + ": exit " + r.exit() + "\n" + r.out() + r.err();
      assertTrue(r.exit() == 1, why);
      assertTrue(!r.err().contains("internal error"), why);
    }
  }

  /**
   * The same on a ballot version 2 record (review of issue 24): its own readers (manifest's
   * ballotVersion and base, v2 lines, one aggregate row per subject, s&lt;i&gt; labels, packed
   * counts) must fail, never crash, whatever value kind lands where.
   */
  @Test
  void randomStructuralChangesOfAVersion2RecordAreFailuresNeverCrashes() throws Exception {
    Path v2 = tmp.resolve("valid-v2");
    org.cvote.testkit.fixture.ElectionFixtureV2.write(
        ElectionFixture.Spec.small().withBallots(3), v2);
    assertEquals(0, RecordTools.run(v2.toString()).exit());
    Random rnd = new Random(Long.getLong("robustness.seed", 2026) + 2);
    com.fasterxml.jackson.databind.ObjectMapper m = RecordTools.JSON;
    java.util.List<String> jsonFiles =
        RecordFiles.ALL.stream().filter(f -> !f.equals(RecordFiles.SIGNATURE)).toList();
    for (int i = 0; i < Integer.getInteger("robustness.iterations", 60); i++) {
      Path d = tmp.resolve("v2-" + i);
      ElectionFixture.copy(v2, d);
      String file = jsonFiles.get(rnd.nextInt(jsonFiles.size()));
      String desc;
      if (file.equals(RecordFiles.BALLOTS)) {
        java.util.List<String> lines = RecordTools.lines(d);
        int k = rnd.nextInt(lines.size());
        com.fasterxml.jackson.databind.JsonNode n = m.readTree(lines.get(k));
        desc = mutate(n, rnd, m);
        lines.set(k, m.writeValueAsString(n));
        RecordTools.writeLines(d, lines);
      } else {
        com.fasterxml.jackson.databind.JsonNode n = m.readTree(d.resolve(file).toFile());
        desc = mutate(n, rnd, m);
        Files.write(d.resolve(file), m.writeValueAsBytes(n));
      }
      RecordTools.Run r = RecordTools.run(d.toString(), "--threads", "2", "--chunk", "2");
      String why = file + " " + desc + ": exit " + r.exit() + "\n" + r.out() + r.err();
      assertTrue(r.exit() == 1, why);
      assertTrue(!r.err().contains("internal error"), why);
    }
  }

  /** Replaces one random value inside the tree by a value of another kind; returns where. */
  private static String mutate(
      com.fasterxml.jackson.databind.JsonNode root,
      Random rnd,
      com.fasterxml.jackson.databind.ObjectMapper m) {
    java.util.List<Object[]> slots = new java.util.ArrayList<>();
    collect(root, slots, "");
    Object[] slot = slots.get(rnd.nextInt(slots.size()));
    com.fasterxml.jackson.databind.JsonNode[] kinds = {
      m.getNodeFactory().nullNode(),
      m.getNodeFactory().numberNode(-1),
      m.getNodeFactory().numberNode(1L << 40),
      m.getNodeFactory().textNode(""),
      m.getNodeFactory().textNode("04"),
      m.createArrayNode(),
      m.createObjectNode(),
      m.getNodeFactory().booleanNode(true),
      m.getNodeFactory().numberNode(1.5)
    };
    com.fasterxml.jackson.databind.JsonNode v = kinds[rnd.nextInt(kinds.length)];
    if (slot[0] instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      if (rnd.nextInt(4) == 0) {
        o.remove((String) slot[1]);
        return slot[2] + " removed";
      }
      o.set((String) slot[1], v);
    } else {
      ((com.fasterxml.jackson.databind.node.ArrayNode) slot[0]).set((Integer) slot[1], v);
    }
    return slot[2] + " := " + v;
  }

  private static void collect(
      com.fasterxml.jackson.databind.JsonNode n, java.util.List<Object[]> out, String path) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                out.add(new Object[] {n, e.getKey(), path + "." + e.getKey()});
                collect(e.getValue(), out, path + "." + e.getKey());
              });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(new Object[] {n, i, path + "[" + i + "]"});
        collect(n.get(i), out, path + "[" + i + "]");
      }
    }
  }

  /** A change can be a no-op (the same byte drawn); then everything still passes. */
  private static boolean unchangedMeaning(RecordTools.Run r) {
    return r.out().contains("RESULT: every check passed");
  }
}
