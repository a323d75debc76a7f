package org.cvote.server.hostile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * docs/deployment.md "No query strings in the access log": the credentials some routes accept in
 * the query string ({@code ?authority=}, {@code ?receipt=}, {@code ?code=}, {@code ?subjectCode=})
 * never appear in the server's own log, whether the request is refused or not. (The proxy's log is
 * the example configuration's, see NginxExampleTest.)
 */
@LocalServer
class CredentialQueryLogTest {
  static final TestApp APP = TestApp.create();
  private static final String MARK = "cred7q2marker";
  private final Api api;
  private final String admin;

  CredentialQueryLogTest(URI uri) {
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  @Test
  void queryCredentialsAreNeverLogged() {
    String poll = new Scenario(api, APP.app, admin).participantsOnly().draft(1, 2).pollId;
    List<String> lines = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            lines.add(r.getLoggerName() + " " + new java.util.logging.SimpleFormatter().format(r));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      // control: the handler sees what the server's loggers (System.Logger → java.util.logging)
      // write
      System.getLogger("org.cvote.server.control").log(System.Logger.Level.WARNING, "control line");
      assertTrue(lines.stream().anyMatch(l -> l.contains("control line")), lines.toString());
      String q =
          "authority=" + MARK + "&receipt=" + MARK + "&code=" + MARK + "&subjectCode=" + MARK;
      for (String path :
          List.of(
              "/api/polls/" + poll + "/results",
              "/api/polls/" + poll + "/results.html",
              "/api/polls/" + poll + "/record",
              "/api/polls/p-unknown/results",
              "/api/polls/p-unknown/record",
              "/admin/people/P-" + MARK + "/results",
              "/admin/people/X/results.html",
              "/api/polls/" + poll + "/report")) {
        Api.Res r = api.send("GET", path + "?" + q, null, null, null, java.util.Map.of());
        assertTrue(r.status() >= 400, path + " → " + r);
      }
    } finally {
      root.removeHandler(capture);
    }
    for (String l : lines) {
      assertFalse(l.contains(MARK), "logged: " + l);
    }
  }
}
