package org.cvote.server.token;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.http.Http;
import org.cvote.server.util.Hex;

import java.util.Map;

/** {@code POST /api/polls/{id}/tokens {accessCode, blindedMsg} → {blindSig}} (PROTOCOL.md §12). */
public final class TokenService implements HttpService {
    private static final int LIMIT = 4096;
    private final TokenIssuance issuance;

    public TokenService(TokenIssuance issuance) {
        this.issuance = issuance;
    }

    record Request(String accessCode, String blindedMsg) {}

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/tokens", this::issue);
    }

    /** The client's IP address as text (no reverse DNS lookup); used only to count wrong codes. */
    static String client(ServerRequest req) {
        if (req.remotePeer().address() instanceof java.net.InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress().getHostAddress();
        }
        return String.valueOf(req.remotePeer().address());
    }

    private void issue(ServerRequest req, ServerResponse res) {
        Request in = Http.json(req, LIMIT, Request.class);
        String client = client(req);
        byte[] sig = issuance.issue(Http.param(req, "id"), client, in.accessCode(), in.blindedMsg());
        Http.ok(res, Map.of("blindSig", Hex.encode(sig)));
    }
}
