package org.cvote.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.server.CvoteApp;
import org.cvote.server.CvoteServer;
import org.cvote.server.ServerConfig;
import org.cvote.server.attendance.AccessCodes;
import org.cvote.server.secret.MasterKey;
import org.cvote.server.store.StoreSettings;
import org.cvote.server.store.Tx;
import org.cvote.server.support.PostgresServer;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes sharing one PostgreSQL database (here in one JVM, each with its own server, pool and
 * in-process state), for what must not depend on which node serves a request: first start,
 * sessions, the committee's ceremony state, and the wrong-code throttle behind a reverse proxy.
 */
class SharedDatabaseTest {

  private static StoreSettings freshDatabase() {
    PostgresServer pg = PostgresServer.shared();
    String name = "shared_" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(4));
    pg.createDatabase(name);
    return pg.settings(name, 4);
  }

  private static ServerConfig node(Path dir, String name, StoreSettings store, Path master) {
    return ServerConfig.defaults(dir.resolve(name)).withStore(store).withMasterKey(master);
  }

  @Test
  void nodesStartingTogetherMakeOneSchemaOneSigningKeyAndOneAccount(@TempDir Path dir)
      throws Exception {
    StoreSettings store = freshDatabase();
    Path master = dir.resolve("master-keyset.json");
    MasterKey.loadOrCreate(master);
    int nodes = 4;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<CvoteApp> apps = new ArrayList<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<CvoteApp>> fs = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        ServerConfig config = node(dir, "n" + i, store, master);
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  return new CvoteApp(config, TestApp.crypto(), Clock.systemUTC());
                }));
      }
      go.countDown();
      for (Future<CvoteApp> f : fs) {
        apps.add(f.get());
      }
      assertEquals(
          1,
          apps.stream().filter(a -> a.firstRunPassword().isPresent()).count(),
          "one first-run account");
      String key = HexFormat.of().formatHex(apps.get(0).signer().publicKey());
      for (CvoteApp a : apps) {
        assertEquals(key, HexFormat.of().formatHex(a.signer().publicKey()), "one signing key");
      }
      long versions =
          new Tx(apps.get(0).database())
              .run(
                  c -> {
                    try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  });
      assertEquals(listedMigrations(), versions, "each migration applied once");
    } finally {
      apps.forEach(CvoteApp::close);
      pool.shutdownNow();
    }
  }

  @Test
  void sessionsCeremonyStateAndTheThrottleHoldAcrossNodes(@TempDir Path dir) throws Exception {
    StoreSettings store = freshDatabase();
    Path master = dir.resolve("master-keyset.json");
    UnaryOperator<ServerConfig> behindProxy =
        c -> c.withTrustedProxies(ServerConfig.exactly("127.0.0.1, ::1"));
    try (CvoteServer a =
            CvoteServer.start(node(dir, "a", store, master), null, 0, TestApp.crypto());
        CvoteServer b =
            CvoteServer.start(
                behindProxy.apply(node(dir, "b", store, master)), null, 0, TestApp.crypto())) {
      Api apiA = new Api(URI.create("http://localhost:" + a.port()));
      Api apiB = new Api(URI.create("http://localhost:" + b.port()));
      String password =
          a.app().firstRunPassword().or(() -> b.app().firstRunPassword()).orElseThrow();

      // a session made on A serves on B; logged out on B, it is dead on A
      String token = apiA.login("admin", password);
      assertEquals(200, apiB.get("/admin/session", token).status());
      assertEquals(200, apiB.delete("/admin/session", token).status());
      assertEquals(401, apiA.get("/admin/session", token).status());
      String admin = apiB.login("admin", password);

      // committee members join at both nodes at the same moment: every registration lands
      Scenario draft = new Scenario(apiA, a.app(), admin).draft(1, 3);
      int members = 12;
      ExecutorService pool = Executors.newFixedThreadPool(members);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> fs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members; i++) {
          names.add("Thành viên " + i);
        }
        JsonNode invited =
            apiA.post(
                    "/admin/polls/" + draft.pollId + "/committee/invitations",
                    Map.of("names", names),
                    admin)
                .json();
        for (int i = 0; i < members; i++) {
          HttpCommitteeClient node =
              new HttpCommitteeClient(
                  URI.create("http://localhost:" + (i % 2 == 0 ? a : b).port()));
          MemberIdentity id = MemberIdentity.generate("Thành viên " + i);
          String code = invited.path("invitations").get(i).path("code").asText();
          fs.add(
              pool.submit(
                  () -> {
                    go.await();
                    return node.register(draft.pollId, Registration.create(draft.pollId, id, code));
                  }));
        }
        go.countDown();
        for (Future<String> f : fs) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      JsonNode progress = apiA.get("/admin/polls/" + draft.pollId + "/committee", admin).json();
      assertEquals(members, progress.get("registrations").size(), progress.toString());

      // B trusts the local reverse proxy: its X-Forwarded-For names the client; A trusts nobody
      Scenario open = Scenario.openPoll(apiA, a.app(), admin, 1, 3, 3);
      for (int i = 0; i < 5; i++) {
        assertEquals(403, wrongCode(apiB, open.pollId, "203.0.113.7").status());
      }
      Api.Res locked = wrongCode(apiB, open.pollId, "203.0.113.7");
      assertEquals(429, locked.status(), locked.toString());
      // what the client wrote left of the proxy's entry does not change who it is
      assertEquals(429, wrongCode(apiB, open.pollId, "198.51.100.1, 203.0.113.7").status());
      // another client behind the same proxy is not locked out, nor is the proxy itself at A
      assertEquals(403, wrongCode(apiB, open.pollId, "203.0.113.8").status());
      assertEquals(403, wrongCode(apiA, open.pollId, "203.0.113.7").status());
    }
  }

  private static long listedMigrations() throws java.io.IOException {
    try (var in = SharedDatabaseTest.class.getResourceAsStream("/db/migration/index.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .count();
    }
  }

  private static Api.Res wrongCode(Api api, String pollId, String forwardedFor) {
    return api.post(
        "/api/polls/" + pollId + "/tokens",
        Map.of("accessCode", new AccessCodes().generate(), "blindedMsg", "00".repeat(384)),
        null,
        Map.of("X-Forwarded-For", forwardedFor));
  }
}
