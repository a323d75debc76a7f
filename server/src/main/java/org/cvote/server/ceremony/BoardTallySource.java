package org.cvote.server.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.server.TallySource;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.record.ContextFile;
import org.cvote.server.board.BoardStore;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.protocol.Contexts;
import org.cvote.server.store.Tx;
import org.cvote.server.token.TokenKeyStore;

/**
 * The committee's {@link TallySource} over the server's bulletin board: the manifest, context.json,
 * token key, every accepted ballot in chain order, the record key and the closing statement, only
 * once the poll is closed (409 not_closed before).
 */
public final class BoardTallySource implements TallySource {
  private final Tx tx;
  private final PollStore polls;
  private final TokenKeyStore tokenKeys;
  private final BoardStore board;

  public BoardTallySource(Tx tx, PollStore polls, TokenKeyStore tokenKeys, BoardStore board) {
    this.tx = tx;
    this.polls = polls;
    this.tokenKeys = tokenKeys;
    this.board = board;
  }

  @Override
  public TallyInput tallyInput(String pollId) {
    return tx.run(
        c -> {
          Poll p =
              polls
                  .find(c, pollId)
                  .orElseThrow(
                      () ->
                          new CommitteeException(
                              CommitteeException.Kind.NOT_FOUND, "not_found", "no poll " + pollId));
          if (p.status() != PollStatus.CLOSED
              && p.status() != PollStatus.TALLIED
              && p.status() != PollStatus.PUBLISHED) {
            throw new CommitteeException(
                CommitteeException.Kind.CONFLICT,
                "not_closed",
                "the board is decrypted only after the poll is closed; it is " + p.status());
          }
          return input(c, p);
        });
  }

  /**
   * The tally input of a poll in any state from READY on (used by the record writer too): its lines
   * are read as the poll's ballot version (docs/protocol.md §16.9), the encoding (B) beside them.
   */
  public TallyInput input(Connection c, Poll p) throws SQLException {
    Manifest manifest = Contexts.manifest(p, polls.subjects(c, p.id()));
    byte[] spki = tokenKeys.spki(c, p.id()).orElseThrow();
    var closing = org.cvote.server.poll.ClosingStore.find(c, p);
    Optional<EncodingV2> encoding = Contexts.encoding(p);
    if (encoding.isPresent()) {
      List<RecordedBallotV2> ballots = new ArrayList<>();
      for (ObjectNode line : board.lines(c, p.id())) {
        ballots.add(line(line, RecordedBallotV2.class));
      }
      return TallyInput.v2(
          manifest,
          encoding.get(),
          contextInfo(p),
          spki,
          ballots,
          closing.map(s -> s.recordKey()).orElse(null),
          closing.map(s -> s.statement()).orElse(null));
    }
    List<RecordedBallot> ballots = new ArrayList<>();
    for (ObjectNode line : board.lines(c, p.id())) {
      ballots.add(ballot(line));
    }
    return new TallyInput(
        manifest,
        contextInfo(p),
        spki,
        ballots,
        closing.map(s -> s.recordKey()).orElse(null),
        closing.map(s -> s.statement()).orElse(null));
  }

  public static ContextFile contextInfo(Poll p) {
    return ContextFile.of(Contexts.stored(p));
  }

  static RecordedBallot ballot(ObjectNode line) {
    return line(line, RecordedBallot.class);
  }

  private static <T> T line(ObjectNode line, Class<T> type) {
    try {
      return CommitteeJson.mapper().treeToValue(line, type);
    } catch (IOException e) {
      throw new IllegalStateException(
          "stored ballot " + line.path("index") + " does not parse: " + e.getMessage(), e);
    }
  }
}
