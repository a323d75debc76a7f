package org.cvote.server.record;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.http.Http;
import org.cvote.server.lifecycle.PollAdminService;

/**
 * The secretariat's publication route under {@code /admin/polls} (bearer-auth): {@code POST
 * /{id}/publish}: tallied → published (record written and served as a zip).
 */
public final class PublishRoutes implements HttpService {
  private final RecordPublisher publisher;
  private final AdminAuth auth;

  public PublishRoutes(RecordPublisher publisher, AdminAuth auth) {
    this.publisher = publisher;
    this.auth = auth;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.any(auth::filter).post("/{id}/publish", this::publish);
  }

  private void publish(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(res, PollAdminService.view(publisher.publish(AdminAuth.actor(req), id)));
  }
}
