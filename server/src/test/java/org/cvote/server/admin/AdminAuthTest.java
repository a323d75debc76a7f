package org.cvote.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@LocalServer
class AdminAuthTest {
  static final TestApp APP = TestApp.create();
  private final Api api;

  AdminAuthTest(URI uri) {
    this.api = new Api(uri);
  }

  @Test
  void firstRunAccountLogsInAndOut() {
    assertNotNull(APP.adminPassword, "first start creates the admin account");
    String token = api.login("admin", APP.adminPassword);
    Api.Res me = api.get("/admin/session", token);
    assertEquals(200, me.status(), me.toString());
    assertEquals("admin", me.json().get("username").asText());
    assertEquals(200, api.delete("/admin/session", token).status());
    assertEquals(401, api.get("/admin/session", token).status(), "a logged-out token is dead");
  }

  @Test
  void wrongPasswordIs401() {
    Api.Res r = api.post("/admin/session", Map.of("username", "admin", "password", "nope"), null);
    assertEquals(401, r.status());
    assertEquals("unauthorized", r.error());
    assertEquals(
        401,
        api.post("/admin/session", Map.of("username", "ghost", "password", "nope"), null).status());
  }

  /**
   * Derby ignores trailing spaces in VARCHAR comparisons: "admin " must not open a session under
   * that name.
   */
  @Test
  void usernameWithSurroundingWhiteSpaceIs400() {
    for (String name : new String[] {"admin ", " admin", "admin\t"}) {
      Api.Res r =
          api.post("/admin/session", Map.of("username", name, "password", APP.adminPassword), null);
      assertEquals(400, r.status(), "[" + name + "] → " + r);
      assertEquals("username", r.field());
    }
    assertEquals(
        201,
        api.post("/admin/session", Map.of("username", "admin", "password", APP.adminPassword), null)
            .status());
  }

  @ParameterizedTest
  @CsvSource({
    "GET,/admin/polls",
    "POST,/admin/polls",
    "GET,/admin/polls/p-x",
    "POST,/admin/polls/p-x/subjects",
    "PUT,/admin/polls/p-x/subjects/1",
    "DELETE,/admin/polls/p-x/subjects/1",
    "POST,/admin/polls/p-x/subjects/import",
    "POST,/admin/polls/p-x/roster/import",
    "GET,/admin/polls/p-x/roster",
    "POST,/admin/polls/p-x/attendance/check-in",
    "POST,/admin/polls/p-x/attendance/check-in/sheet",
    "POST,/admin/polls/p-x/attendance/left",
    "GET,/admin/polls/p-x/quorum",
    "POST,/admin/polls/p-x/ceremony",
    "POST,/admin/polls/p-x/open",
    "POST,/admin/polls/p-x/close",
    "PUT,/admin/polls/p-x/end-time",
    "PUT,/admin/polls/p-x/ballot-version",
    "GET,/admin/polls/p-x/audit",
    "GET,/admin/session",
    "POST,/admin/password"
  })
  void everyAdminRouteRefusesWithoutSession(String method, String path) {
    Api.Res none = api.send(method, path, "{}".getBytes(), "application/json", null);
    assertEquals(401, none.status(), method + " " + path + " → " + none);
    assertEquals("unauthorized", none.error());
    Api.Res bogus = api.send(method, path, "{}".getBytes(), "application/json", "not-a-session");
    assertEquals(401, bogus.status(), method + " " + path + " → " + bogus);
  }

  @Test
  void passwordChange() {
    String token = api.login("admin", APP.adminPassword);
    Api.Res weak =
        api.post(
            "/admin/password",
            Map.of("oldPassword", APP.adminPassword, "newPassword", "short"),
            token);
    assertEquals(400, weak.status());
    assertEquals("newPassword", weak.field());
    Api.Res wrongOld =
        api.post(
            "/admin/password",
            Map.of("oldPassword", "nope", "newPassword", "a-long-enough-password"),
            token);
    assertEquals(401, wrongOld.status());
  }

  @Test
  void loginRejectsUnknownFields() {
    Api.Res r =
        api.post(
            "/admin/session", Map.of("username", "admin", "password", "x", "role", "root"), null);
    assertEquals(400, r.status());
    assertEquals("unknown_field", r.error());
    assertTrue(r.field().contains("role"));
  }
}
