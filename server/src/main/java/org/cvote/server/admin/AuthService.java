package org.cvote.server.admin;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.cvote.server.http.ClientAddress;
import org.cvote.server.http.Http;
import org.cvote.server.refusal.Refusal;

/** {@code /admin/session}: login (bearer token out), logout, whoami; {@code /admin/password}. */
public final class AuthService implements HttpService {
  private static final int LIMIT = 4096;
  private final Accounts accounts;
  private final Sessions sessions;
  private final AdminAuth auth;
  private final LoginGuard guard;
  private final ClientAddress clients;

  public AuthService(
      Accounts accounts,
      Sessions sessions,
      AdminAuth auth,
      LoginGuard guard,
      ClientAddress clients) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.auth = auth;
    this.guard = guard;
    this.clients = clients;
  }

  record Login(String username, String password) {}

  record PasswordChange(String oldPassword, String newPassword) {}

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/session", this::login)
        .get("/session", this::whoami)
        .delete("/session", this::logout)
        .post("/password", this::changePassword);
  }

  private void login(ServerRequest req, ServerResponse res) {
    Login in = Http.json(req, LIMIT, Login.class);
    if (in.username() == null) {
      throw Refusal.missing("username");
    }
    if (in.password() == null) {
      throw Refusal.missing("password");
    }
    // Derby compares VARCHARs ignoring trailing spaces, so "admin " would match the row "admin" and
    // then name the
    // session and its audit entries; a variant spelling would also get its own login-limit bucket.
    // Refuse it.
    if (!in.username().equals(in.username().strip())) {
      throw Refusal.invalid("username", "must not begin or end with white space");
    }
    String address = clients.of(req);
    guard.attempt(
        in.username(),
        address); // 429 before any hashing when the user or the address is past its limit
    if (!guard.hashing(() -> accounts.check(in.username(), in.password()))) {
      throw Refusal.unauthorized("wrong username or password");
    }
    guard.succeeded(in.username(), address);
    Sessions.Session s = sessions.create(in.username());
    Http.created(
        res,
        Map.of(
            "token", s.token(), "username", s.username(), "expiresAt", s.expiresAt().toString()));
  }

  private void whoami(ServerRequest req, ServerResponse res) {
    Http.ok(res, Map.of("username", auth.require(req)));
  }

  private void logout(ServerRequest req, ServerResponse res) {
    auth.require(req);
    sessions.delete(AdminAuth.bearer(req));
    Http.ok(res, Map.of("loggedOut", true));
  }

  private void changePassword(ServerRequest req, ServerResponse res) {
    String user = auth.require(req);
    PasswordChange in = Http.json(req, LIMIT, PasswordChange.class);
    if (in.oldPassword() == null) {
      throw Refusal.missing("oldPassword");
    }
    if (in.newPassword() == null) {
      throw Refusal.missing("newPassword");
    }
    if (in.newPassword().length() < 12) {
      throw Refusal.invalid("newPassword", "at least 12 characters");
    }
    String address = clients.of(req);
    guard.attempt(
        user, address); // a stolen session cannot guess the old password faster than a login could
    if (!guard.hashing(() -> accounts.check(user, in.oldPassword()))) {
      throw Refusal.unauthorized("wrong password");
    }
    guard.succeeded(user, address);
    guard.hashing(
        () -> {
          accounts.changePassword(user, in.newPassword());
          return null;
        });
    Http.ok(res, Map.of("changed", true));
  }
}
