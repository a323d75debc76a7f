package org.cvote.server.report;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.store.Tx;
import org.cvote.server.util.Text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /admin/authority-keys} {@code {"label": "Ban Tổ chức Tỉnh ủy"}}: the secretariat issues a read-only
 * key for the managing authority (shown once). It opens the results and a person's results, nothing else.
 */
public final class AuthorityKeyRoutes implements HttpService {
    record In(String label) {}

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
        rules.any(auth::filter).post("/", this::issue);
    }

    private void issue(ServerRequest req, ServerResponse res) {
        In in = Http.json(req, 4096, In.class);
        String label = Text.required(in.label(), "label", 200);
        String actor = AdminAuth.actor(req);
        Http.created(res, tx.run(c -> {
            String key = access.issueAuthorityKey(c, label);
            audit.append(c, actor, null, "authority.key-issued", label);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("label", label);
            out.put("key", key);
            out.put("header", ResultsAccess.AUTHORITY_HEADER);
            return out;
        }));
    }
}
