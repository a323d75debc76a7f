package org.cvote.server.issuance;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.cvote.crypto.encoding.Hex;
import org.cvote.server.http.ClientAddress;
import org.cvote.server.http.Http;

/**
 * {@code POST /api/polls/{id}/tokens {accessCode, blindedMsg} → {blindSig}} (docs/protocol.md §12).
 */
public final class TokenService implements HttpService {
  private static final int LIMIT = 4096;
  private final TokenIssuance issuance;
  private final ClientAddress clients;

  public TokenService(TokenIssuance issuance, ClientAddress clients) {
    this.issuance = issuance;
    this.clients = clients;
  }

  record Request(String accessCode, String blindedMsg) {}

  @Override
  public void routing(HttpRules rules) {
    rules.post("/{id}/tokens", this::issue);
  }

  private void issue(ServerRequest req, ServerResponse res) {
    Request in = Http.json(req, LIMIT, Request.class);
    String client = clients.of(req);
    byte[] sig = issuance.issue(Http.param(req, "id"), client, in.accessCode(), in.blindedMsg());
    Http.ok(res, Map.of("blindSig", Hex.encode(sig)));
  }
}
