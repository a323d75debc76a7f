package org.cvote.server.crash;

import static org.cvote.server.support.Scenario.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.testkit.http.Api;

/**
 * The bulletin board as an auditor checks it: indices 1..n without a gap, every B_k recomputed from
 * its ballot, every T_k recomputed from T_{k−1} starting at T_0 = H(Q). Throws on the first
 * discrepancy.
 */
final class BoardAudit {
  private final List<RecordedBallot> lines;
  private final Map<Digest, RecordedBallot> byHash = new HashMap<>();

  private BoardAudit(PollKeys poll, List<RecordedBallot> lines, String where) {
    this.lines = List.copyOf(lines);
    Digest t = BallotHashes.chainStart(poll.q());
    for (int k = 1; k <= lines.size(); k++) {
      RecordedBallot b = lines.get(k - 1);
      if (b.index() != k) {
        throw new AssertionError(
            where + ": line " + k + " has index " + b.index() + " (a gap or a repeat)");
      }
      Digest h = BallotHashes.ballotHash(poll.q(), b.ballot());
      if (!h.equals(b.hash())) {
        throw new AssertionError(where + ": B_" + k + " does not recompute from its ballot");
      }
      t = BallotHashes.chainNext(t, h);
      if (!t.equals(b.chain())) {
        throw new AssertionError(
            where + ": T_" + k + " does not recompute from T_" + (k - 1) + " and B_" + k);
      }
      if (byHash.put(h, b) != null) {
        throw new AssertionError(where + ": ballot " + h + " is on the board twice");
      }
    }
  }

  /** GET /api/polls/{id}/board, checked. */
  static BoardAudit fetch(Api api, PollKeys poll) {
    JsonNode board = expect(api.get("/api/polls/" + poll.pollId() + "/board", null), 200).json();
    List<RecordedBallot> lines = new ArrayList<>();
    for (JsonNode line : board.path("ballots")) {
      lines.add(read(line.toString()));
    }
    if (board.path("count").asInt() != lines.size()) {
      throw new AssertionError("board count ≠ number of lines");
    }
    return new BoardAudit(poll, lines, "board");
  }

  /** ballots.ndjson of a published record, checked the same way. */
  static BoardAudit ofRecord(Path recordDir, PollKeys poll) throws IOException {
    List<RecordedBallot> lines = new ArrayList<>();
    for (String l :
        Files.readAllLines(recordDir.resolve("ballots.ndjson"), StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        lines.add(read(l));
      }
    }
    return new BoardAudit(poll, lines, "record");
  }

  private static RecordedBallot read(String json) {
    try {
      return ProtocolJson.mapper().readValue(json, RecordedBallot.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return lines.size();
  }

  boolean contains(Digest ballotHash) {
    return byHash.containsKey(ballotHash);
  }

  /** The index of the ballot with this B_k, or 0. */
  int indexOf(Digest ballotHash) {
    RecordedBallot b = byHash.get(ballotHash);
    return b == null ? 0 : b.index();
  }

  Digest hashAt(int index) {
    return lines.get(index - 1).hash();
  }

  Digest chainAt(int index) {
    return lines.get(index - 1).chain();
  }

  /**
   * A receipt (k, B_k, T_k) holds when the board has that ballot at that place with that chain
   * value.
   */
  void assertHolds(JsonNode receipt, String who) {
    int k = receipt.path("index").asInt();
    if (k < 1 || k > lines.size()) {
      throw new AssertionError(
          who + ": acknowledged ballot " + k + " is missing (the board has " + lines.size() + ")");
    }
    if (!hashAt(k).toHex().equals(receipt.path("ballotHash").asText())
        || !chainAt(k).toHex().equals(receipt.path("chain").asText())) {
      throw new AssertionError(
          who + ": the board holds another ballot or chain value at acknowledged index " + k);
    }
  }

  List<Digest> hashes() {
    return lines.stream().map(RecordedBallot::hash).toList();
  }
}
