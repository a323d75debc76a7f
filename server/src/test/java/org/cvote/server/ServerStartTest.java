package org.cvote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The full server as Main starts it: health, metrics, the OpenAPI document, and the command line.
 */
class ServerStartTest {

  @Test
  void healthMetricsAndOpenApi(@TempDir Path dir) {
    try (CvoteServer server =
        CvoteServer.start(
            org.cvote.server.support.TestStore.config(dir), null, 0, TestApp.crypto())) {
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      Api.Res health = api.get("/observe/health", null);
      assertEquals(200, health.status(), health.toString());
      assertEquals("UP", health.json().get("status").asText());
      assertTrue(health.text().contains("database"), health.text());
      // a refused ballot is counted
      assertEquals(404, api.post("/api/polls/p-none/ballots", "{}", null).status());
      Api.Res metrics = api.get("/observe/metrics", null);
      assertEquals(200, metrics.status());
      assertTrue(metrics.text().contains("cvote_ballots_rejected"), metrics.text());
      Api.Res openapi = api.get("/openapi", null);
      assertEquals(200, openapi.status());
      assertTrue(openapi.text().startsWith("openapi: 3"));
      assertTrue(openapi.text().contains("/api/polls/{id}/ballots"));
      Api.Res unknown = api.get("/api/polls/p-none", null);
      assertEquals(404, unknown.status());
      // a path no route serves is a 404 in the error shape, not a 500
      Api.Res noRoute = api.get("/no/such/route", null);
      assertEquals(404, noRoute.status());
      assertEquals("not_found", noRoute.error());
      assertEquals("not_found", unknown.error());
    }
  }

  /**
   * Regression: with Helidon 4.4.0's default NIO channel a 4 MB board response sometimes arrived a
   * few KB short of its Content-Length (seen by `cvote bench`, reproduced with curl); the server
   * must run on blocking sockets.
   */
  @Test
  void serverRunsOnBlockingSockets(@TempDir Path dir) {
    try (CvoteServer server =
        CvoteServer.start(ServerConfig.defaults(dir), null, 0, TestApp.crypto())) {
      assertEquals(false, server.usesNio());
    }
    io.helidon.config.Config config = io.helidon.config.Config.create();
    try (CvoteServer server =
        CvoteServer.start(
            ServerConfig.defaults(dir.resolve("b")), config.get("server"), 0, TestApp.crypto())) {
      assertEquals(false, server.usesNio(), "application.yaml must keep use-nio: false");
    }
  }

  @Test
  void commandLineHasServerAndDemo() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    assertTrue(out.toString().contains("server"));
    assertTrue(out.toString().contains("demo"));
    // issue 23: the bench is in the tools jar (org.cvote.tools.MainTest), not in the server's
    assertFalse(out.toString().contains("bench"), out.toString());
    StringWriter help = new StringWriter();
    cli.setOut(new PrintWriter(help));
    assertEquals(0, cli.execute("server", "--help"));
    assertTrue(help.toString().contains("--port"));
    assertTrue(help.toString().contains("--data"));
  }
}
