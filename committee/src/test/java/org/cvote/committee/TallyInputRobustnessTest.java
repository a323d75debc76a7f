package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.TallyInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review of issue 24: a ballot version 2 tally input served by a hostile server, changed anywhere
 * (a value of another kind, a field removed), is refused by a member's tool with a reason (a parse
 * error naming the field, a rejected board, a committee refusal), never an unexpected exception,
 * and never decrypted.
 */
class TallyInputRobustnessTest {
  @TempDir static Path dir;

  @Test
  void randomChangesOfAVersion2InputAreRefusedNeverCrashes() throws Exception {
    Fixture f = new Fixture("poll-v2-robust", 3, dir);
    f.coordinator.start(f.pollId, 2);
    List<Progress> last = f.runCeremony();
    assertTrue(last.stream().allMatch(Progress::finished), last.toString());
    Fixture.PollV2 poll = f.pollV2(2, 3, 5);
    ObjectMapper m = CommitteeJson.mapper();
    JsonNode honest = m.valueToTree(poll.input());
    // the honest input decrypts
    MemberDecryptor.decrypt(
        f.ids.get(0), f.state(1), m.treeToValue(honest, TallyInput.class), Fixture.RNG);
    Random rnd = new Random(Long.getLong("robustness.seed", 2026));
    for (int i = 0; i < Integer.getInteger("robustness.iterations", 80); i++) {
      JsonNode n = honest.deepCopy();
      String desc = mutate(n, rnd, m);
      TallyInput in;
      try {
        in = m.treeToValue(n, TallyInput.class);
      } catch (JsonProcessingException e) {
        continue; // refused while reading, naming the field
      }
      try {
        MemberDecryptor.decrypt(f.ids.get(0), f.state(1), in, Fixture.RNG);
        if (!in.equals(poll.input()) && !sameMeaning(m, n, honest)) {
          fail(desc + ": a changed input was decrypted");
        }
      } catch (BoardRejectedException | CommitteeException e) {
        // refused with a reason
      } catch (RuntimeException e) {
        throw new AssertionError(desc + ": unexpected " + e, e);
      }
    }
  }

  /** A change can leave the meaning (e.g. an optional null dropped); those may decrypt. */
  private static boolean sameMeaning(ObjectMapper m, JsonNode changed, JsonNode honest)
      throws JsonProcessingException {
    return m.writeValueAsString(m.treeToValue(changed, TallyInput.class))
        .equals(m.writeValueAsString(m.treeToValue(honest, TallyInput.class)));
  }

  private static String mutate(JsonNode root, Random rnd, ObjectMapper m) {
    List<Object[]> slots = new ArrayList<>();
    collect(root, slots, "");
    Object[] slot = slots.get(rnd.nextInt(slots.size()));
    JsonNode[] kinds = {
      m.getNodeFactory().nullNode(),
      m.getNodeFactory().numberNode(-1),
      m.getNodeFactory().numberNode(0),
      m.getNodeFactory().numberNode(Long.MAX_VALUE),
      m.getNodeFactory().numberNode(10002),
      m.getNodeFactory().textNode(""),
      m.getNodeFactory().textNode("04"),
      m.createArrayNode(),
      m.createObjectNode(),
      m.getNodeFactory().booleanNode(true),
      m.getNodeFactory().numberNode(2.0)
    };
    JsonNode v = kinds[rnd.nextInt(kinds.length)];
    if (slot[0] instanceof ObjectNode o) {
      if (rnd.nextInt(4) == 0) {
        o.remove((String) slot[1]);
        return slot[2] + " removed";
      }
      o.set((String) slot[1], v);
    } else {
      ((ArrayNode) slot[0]).set((Integer) slot[1], v);
    }
    return slot[2] + " := " + v;
  }

  private static void collect(JsonNode n, List<Object[]> out, String path) {
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
}
