package org.cvote.server.tally;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.http.Http;
import org.cvote.server.json.Json;

/**
 * The secretariat's tally route under {@code /admin/polls} (bearer-auth): {@code POST /{id}/tally}
 * {@code {"members": [index…]}} (optional decryption set U): closed → tallied.
 */
public final class TallyRoutes implements HttpService {
  private static final int LIMIT = 64 * 1024;
  private final TallyService tally;
  private final AdminAuth auth;

  public TallyRoutes(TallyService tally, AdminAuth auth) {
    this.tally = tally;
    this.auth = auth;
  }

  record Tally(List<Integer> members) {}

  @Override
  public void routing(HttpRules rules) {
    rules.any(auth::filter).post("/{id}/tally", this::tally);
  }

  private void tally(ServerRequest req, ServerResponse res) {
    Http.requireJsonContentType(req);
    byte[] b = Http.body(req, LIMIT);
    Tally in = b.length == 0 ? new Tally(null) : Json.read(b, Tally.class);
    TallyService.Stored s = tally.tally(AdminAuth.actor(req), Http.param(req, "id"), in.members());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "TALLIED");
    out.put("members", s.decryption().members());
    out.put(
        "tally",
        Json.tree(
            new String(
                org.cvote.crypto.record.RecordJson.write(s.tally()), StandardCharsets.UTF_8)));
    Http.ok(res, out);
  }
}
