package org.cvote.server.dossier;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.poll.PollStore;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.report.ResultsAccess;

/**
 * {@code GET /api/polls/{id}/dossier/archive.zip}: the pre-vote records ({@link DossierArchive})
 * for the managing authority (its key, {@code X-Cvote-Authority}) or the secretariat (bearer
 * session); anyone else 403. Every export is audited.
 */
public final class AuthorityArchiveRoutes implements HttpService {
  private final Dossiers dossiers;
  private final PollStore polls;
  private final ResultsAccess access;
  private final AuditLog audit;

  public AuthorityArchiveRoutes(
      Dossiers dossiers, PollStore polls, ResultsAccess access, AuditLog audit) {
    this.dossiers = dossiers;
    this.polls = polls;
    this.access = access;
    this.audit = audit;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/{id}/dossier/archive.zip", this::archive);
  }

  private void archive(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    byte[] zip =
        dossiers
            .tx()
            .run(
                c -> {
                  var poll = polls.get(c, id);
                  // a managing-authority key opens only the polls in its scope (docs/report.md)
                  String who =
                      access.authority(c, req, poll)
                          ? "authority"
                          : access.secretariat(c, req) ? "secretariat" : null;
                  if (who == null) {
                    throw Refusal.forbidden(
                        "authority_only",
                        "the managing authority's key or a secretariat session is required");
                  }
                  byte[] z = DossierArchive.zip(c, dossiers, id);
                  audit.append(c, who, id, "dossier.archive.exported", z.length + " bytes");
                  return z;
                });
    res.header(HeaderNames.CONTENT_TYPE, "application/zip");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header(
        HeaderNames.CONTENT_DISPOSITION,
        "attachment; filename=\"dossier-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + ".zip\"");
    res.send(zip);
  }
}
