package org.cvote.server.lifecycle;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.board.BoardStore;
import org.cvote.server.http.Http;
import org.cvote.server.json.Json;
import org.cvote.server.poll.ClosingStore;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollForm;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Subject;
import org.cvote.server.protocol.Contexts;
import org.cvote.server.secret.RecordSigner;
import org.cvote.server.store.Tx;
import org.cvote.server.token.TokenKeyStore;

/**
 * {@code GET /api/polls/{id}}: everything a booth needs — manifest, status, Q and its inputs, K,
 * the token public key (SPKI hex) and the record-signing key.
 */
public final class PublicPollService implements HttpService {
  private final Tx tx;
  private final PollStore polls;
  private final TokenKeyStore tokenKeys;
  private final BoardStore board;
  private final RecordSigner signer;

  public PublicPollService(
      Tx tx, PollStore polls, TokenKeyStore tokenKeys, BoardStore board, RecordSigner signer) {
    this.tx = tx;
    this.polls = polls;
    this.tokenKeys = tokenKeys;
    this.board = board;
    this.signer = signer;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/{id}", this::get);
  }

  private void get(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        tx.run(
            c -> {
              Poll p = polls.get(c, id);
              List<Subject> subjects = polls.subjects(c, id);
              // §10.3 and §16.1 (ballotVersion, base), then §10.6's web: the one shape of
              // manifest.json
              Map<String, Object> manifest = Contexts.manifestJson(p, subjects);
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("pollId", p.id());
              out.put("title", p.title());
              out.put("place", p.place());
              out.put("date", p.date().toString());
              out.put("visibility", p.visibility().name());
              out.put("status", p.status().name());
              out.put("endsAt", p.endsAt() == null ? null : p.endsAt().toString());
              out.put(
                  "form",
                  PollForm.load(c, p)
                      .view()); // the ballot's heading (Phụ lục 4); not in the manifest
              out.put("manifest", manifest);
              out.put("context", p.contextJson() == null ? null : Json.tree(p.contextJson()));
              out.put(
                  "tokenKey",
                  tokenKeys
                      .spki(c, id)
                      .map(
                          s ->
                              Map.of(
                                  "spki", Hex.encode(s), "scheme", "RSABSSA-SHA384-PSS-Randomized"))
                      .orElse(null));
              Map<String, Object> sk = new LinkedHashMap<>();
              sk.put("ed25519", Hex.encode(signer.publicKey()));
              sk.put("keyset", Json.tree(signer.publicKeysetJson()));
              out.put("signingKey", sk);
              out.put("ballots", board.count(c, id));
              out.put(
                  "closing",
                  ClosingStore.publicJson(c, p)); // docs/protocol.md §9.5; null until the close
              return out;
            }));
  }
}
