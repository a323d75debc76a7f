package org.cvote.server.crash;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.InMemoryMemberStateStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.InMemoryTransport;
import org.cvote.server.CvoteServer;
import org.cvote.server.ServerConfig;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps of the server that span two transactions, interrupted between them as a SIGKILL would (the
 * database is left exactly as after the first commit), then the server booted again on the same
 * folder: the step completes. Regressions of what the crash tests found; deterministic, because a
 * random kill rarely falls into so short a gap.
 */
class InterruptedStepsTest {
  private static final SecureRandom RNG = new SecureRandom();

  /**
   * The coordinator saves the DONE ceremony, then a second transaction fixes Q and moves the poll
   * to READY. Killed in between, the members' tools see DONE and post nothing more; the next boot
   * must finish the move by itself.
   */
  @Test
  void aCeremonyFinishedJustBeforeAKillMakesThePollReadyAtTheNextBoot(@TempDir Path dir) {
    ServerConfig config = ServerConfig.defaults(dir);
    String id;
    String jointKey;
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      String admin = api.login("admin", server.app().firstRunPassword().orElseThrow());
      Scenario s = new Scenario(api, server.app(), admin).draft(1, 3);
      id = s.pollId;
      // the rounds run against the coordinator alone: its DONE is committed, the poll's move is not
      CeremonyCoordinator coordinator = server.app().committee().coordinator();
      List<MemberIdentity> ids = new ArrayList<>();
      List<InMemoryMemberStateStore> stores = new ArrayList<>();
      var invited =
          server
              .app()
              .committee()
              .invitations()
              .create("test", id, List.of("Thành viên 1", "Thành viên 2", "Thành viên 3"));
      for (int i = 0; i < 3; i++) {
        ids.add(MemberIdentity.generate("Thành viên " + (i + 1)));
        stores.add(new InMemoryMemberStateStore());
        coordinator.register(id, Registration.create(id, ids.get(i), invited.get(i).code()));
      }
      server
          .app()
          .committee()
          .start("test", id, 2, ids.stream().map(MemberIdentity::fingerprint).toList());
      runCeremony(coordinator, id, ids, stores);
      assertEquals(Phase.DONE, coordinator.view(id).phase());
      jointKey = coordinator.view(id).jointKey().toHex();
      assertEquals(
          "CEREMONY",
          expect(api.get("/api/polls/" + id, null), 200).json().path("status").asText());
    }
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      JsonNode poll = expect(api.get("/api/polls/" + id, null), 200).json();
      assertEquals(
          "READY",
          poll.path("status").asText(),
          "the boot completes a ceremony that finished before the kill");
      assertEquals(jointKey, poll.path("context").path("jointKey").asText());
    }
  }

  /**
   * The tally is stored, then the poll moves closed → tallied. Left stored but still closed (the
   * state of a kill between two commits), a new tally request must complete rather than trip over
   * the stored row.
   */
  @Test
  void aTallyStoredJustBeforeAKillIsCompletedByTheNextTallyRequest(@TempDir Path dir)
      throws Exception {
    ServerConfig config = ServerConfig.defaults(dir);
    String id;
    String password;
    JsonNode first;
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      password = server.app().firstRunPassword().orElseThrow();
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      String admin = api.login("admin", password);
      Scenario s = new Scenario(api, server.app(), admin).draft(2, 4).checkIn(4);
      id = s.pollId;
      CeremonyCoordinator coordinator = server.app().committee().coordinator();
      List<MemberIdentity> ids = new ArrayList<>();
      List<InMemoryMemberStateStore> stores = new ArrayList<>();
      var invited =
          server
              .app()
              .committee()
              .invitations()
              .create("test", id, List.of("Thành viên 1", "Thành viên 2", "Thành viên 3"));
      for (int i = 0; i < 3; i++) {
        ids.add(MemberIdentity.generate("Thành viên " + (i + 1)));
        stores.add(new InMemoryMemberStateStore());
        coordinator.register(id, Registration.create(id, ids.get(i), invited.get(i).code()));
      }
      server
          .app()
          .committee()
          .start("test", id, 2, ids.stream().map(MemberIdentity::fingerprint).toList());
      runCeremony(coordinator, id, ids, stores);
      server.app().committee().completeIfDone(id);
      s.open();
      for (int v = 0; v < 3; v++) {
        expect(s.cast(s.ballot(s.token(s.codes.get(v)))), 200);
      }
      expect(api.post("/admin/polls/" + id + "/close", null, admin), 200);
      for (int i = 0; i < 2; i++) {
        server
            .app()
            .committee()
            .desk()
            .submit(
                id,
                MemberDecryptor.decrypt(
                        ids.get(i),
                        stores.get(i).load(id).orElseThrow(),
                        server.app().committee().source().tallyInput(id),
                        RNG)
                    .partial());
      }
      first =
          expect(api.post("/admin/polls/" + id + "/tally", Map.of(), admin), 200)
              .json()
              .path("tally");
      // back to the state between the two commits: the tally row stored, the poll still closed
      try (Connection c = server.app().database().connect();
          PreparedStatement ps =
              c.prepareStatement("UPDATE poll SET status = 'CLOSED' WHERE id = ?")) {
        ps.setString(1, id);
        assertEquals(1, ps.executeUpdate());
      }
    }
    try (CvoteServer server = CvoteServer.start(config, null, 0, TestApp.crypto())) {
      Api api = new Api(URI.create("http://localhost:" + server.port()));
      String admin = api.login("admin", password);
      assertEquals(
          "CLOSED", expect(api.get("/api/polls/" + id, null), 200).json().path("status").asText());
      Api.Res again = api.post("/admin/polls/" + id + "/tally", Map.of(), admin);
      assertEquals(200, again.status(), again.toString());
      assertEquals(first, again.json().path("tally"), "the same counts");
      assertEquals(
          "TALLIED", expect(api.get("/api/polls/" + id, null), 200).json().path("status").asText());
      expect(api.post("/admin/polls/" + id + "/publish", null, admin), 200);
    }
  }

  /**
   * The members' rounds straight against the coordinator (not through the server's routes), until
   * each has K.
   */
  private static void runCeremony(
      CeremonyCoordinator coordinator,
      String id,
      List<MemberIdentity> ids,
      List<InMemoryMemberStateStore> stores) {
    InMemoryTransport transport = new InMemoryTransport(coordinator);
    for (int round = 0; round < 20; round++) {
      boolean all = true;
      for (int i = 0; i < ids.size(); i++) {
        Progress p =
            new MemberCeremony(
                    ids.get(i),
                    stores.get(i),
                    transport,
                    id,
                    RNG,
                    ListConfirmation.amongElected(
                        ids.stream().map(MemberIdentity::fingerprint).toList(), 0))
                .step();
        if (p.failed()) {
          throw new AssertionError(p.message());
        }
        all &= p.finished();
      }
      if (all) {
        return;
      }
    }
    throw new AssertionError("the ceremony did not finish");
  }
}
