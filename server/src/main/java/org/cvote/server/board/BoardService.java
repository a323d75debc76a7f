package org.cvote.server.board;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cvote.server.http.Http;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStore;
import org.cvote.server.store.Tx;

/** {@code GET /api/polls/{id}/board}: every accepted ballot in chain order with B_k and T_k. */
public final class BoardService implements HttpService {
  private final Tx tx;
  private final PollStore polls;
  private final BoardStore board;

  public BoardService(Tx tx, PollStore polls, BoardStore board) {
    this.tx = tx;
    this.polls = polls;
    this.board = board;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/{id}/board", this::board);
  }

  private void board(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        tx.run(
            c -> {
              Poll p = polls.get(c, id);
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("pollId", p.id());
              out.put("status", p.status().name());
              var lines = board.lines(c, id);
              out.put("count", lines.size());
              out.put("ballots", lines);
              out.put(
                  "closing",
                  org.cvote.server.poll.ClosingStore.publicJson(
                      c, p)); // N, T_N, signature, fingerprint; null until the close
              return out;
            }));
  }
}
