package org.cvote.server.report;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;
import org.cvote.server.util.Text;

/**
 * {@code POST /admin/authority-keys} {@code {"label": "Ban Tổ chức Tỉnh ủy", "polls": ["p-…"],
 * "units": ["Đảng bộ tỉnh"], "holder": "DIRECT_AUTHORITY"}}: the secretariat issues a read-only key
 * for the managing authority (shown once), scoped to polls and/or units (a poll's organising body):
 * it opens those polls' results, deliveries and the places of people rated in them, nothing else.
 * {@code GET /admin/authority-keys}: the keys' labels and scopes.
 */
public final class AuthorityKeyRoutes implements HttpService {
  record In(String label, String holder, List<String> polls, List<String> units) {}

  /** Stateless data access: only checks that a scoped poll exists. */
  private static final org.cvote.server.poll.PollStore POLLS =
      new org.cvote.server.poll.PollStore();

  private final Tx tx;
  private final ResultsAccess access;
  private final AuditLog audit;
  private final AdminAuth auth;

  public AuthorityKeyRoutes(Tx tx, ResultsAccess access, AuditLog audit, AdminAuth auth) {
    this.tx = tx;
    this.access = access;
    this.audit = audit;
    this.auth = auth;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.any(auth::filter).post("/", this::issue).get("/", this::list);
  }

  private void issue(ServerRequest req, ServerResponse res) {
    In in = Http.json(req, 64 * 1024, In.class);
    String label = Text.required(in.label(), "label", 200);
    AuthorityKey.Holder holder;
    try {
      holder =
          in.holder() == null
              ? AuthorityKey.Holder.DIRECT_AUTHORITY
              : AuthorityKey.Holder.valueOf(in.holder());
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("holder", "DIRECT_AUTHORITY or EXECUTIVE_COMMITTEE");
    }
    List<String> pollIds = in.polls() == null ? List.of() : in.polls();
    List<String> unitNames = in.units() == null ? List.of() : in.units();
    if (pollIds.isEmpty() && unitNames.isEmpty()) {
      throw Refusal.invalid(
          "polls",
          "an authority key is scoped to polls or units (001 §8): give polls, units or both");
    }
    if (pollIds.size() + unitNames.size() > 500) {
      throw Refusal.invalid("polls", "at most 500 polls and units");
    }
    Set<String> units = new LinkedHashSet<>();
    for (int i = 0; i < unitNames.size(); i++) {
      units.add(AuthorityKey.unit(Text.required(unitNames.get(i), "units[" + i + "]", 500)));
    }
    String actor = AdminAuth.actor(req);
    Http.created(
        res,
        tx.run(
            c -> {
              Set<String> polls = new LinkedHashSet<>();
              for (int i = 0; i < pollIds.size(); i++) {
                String id = pollIds.get(i);
                if (id == null || POLLS.find(c, id).isEmpty()) {
                  throw Refusal.invalid("polls[" + i + "]", "no such poll");
                }
                polls.add(id);
              }
              String key = access.issueAuthorityKey(c, label, holder, polls, units);
              audit.append(
                  c,
                  actor,
                  null,
                  "authority.key-issued",
                  label + " " + holder + " polls " + polls + " units " + units);
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("label", label);
              out.put("holder", holder.name());
              out.put("polls", polls);
              out.put("units", units);
              out.put("key", key);
              out.put("header", ResultsAccess.AUTHORITY_HEADER);
              return out;
            }));
  }

  private void list(ServerRequest req, ServerResponse res) {
    Http.ok(
        res,
        Map.of(
            "keys",
            tx.run(
                c -> {
                  List<Map<String, Object>> out = new ArrayList<>();
                  List<String> hashes = new ArrayList<>();
                  try (PreparedStatement ps =
                          c.prepareStatement(
                              "SELECT key_hash FROM authority_key ORDER BY created_at, label");
                      ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      hashes.add(rs.getString(1));
                    }
                  }
                  for (String h : hashes) {
                    AuthorityKey k = AuthorityKey.load(c, h).orElseThrow();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("label", k.label());
                    m.put("holder", k.holder().name());
                    m.put("polls", k.polls());
                    m.put("units", k.units());
                    m.put("scoped", !k.polls().isEmpty() || !k.units().isEmpty());
                    out.add(m);
                  }
                  return out;
                })));
  }
}
