package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.InMemoryCeremonyStore;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.committee.server.InMemoryPartialStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ceremony and decryption with each member's tool as a separate process over real HTTP (loopback
 * only).
 */
class HttpProcessTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  HttpServer server;
  String url;
  final InMemoryCeremonyStore store = new InMemoryCeremonyStore();
  final CeremonyCoordinator coordinator = new CeremonyCoordinator(store);
  final Map<String, TallyInput> closed = new ConcurrentHashMap<>();
  DecryptionDesk desk;

  @BeforeEach
  void startServer() throws IOException {
    desk = new DecryptionDesk(coordinator, this::input, new InMemoryPartialStore());
    CommitteeApi api = new CommitteeApi(coordinator, desk, this::input);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/polls/",
        ex -> {
          String path = ex.getRequestURI().getRawPath().substring("/api/polls/".length());
          int slash = path.indexOf('/');
          String poll =
              java.net.URLDecoder.decode(path.substring(0, slash), StandardCharsets.UTF_8);
          CommitteeApi.Response r =
              api.handle(
                  ex.getRequestMethod(),
                  poll,
                  path.substring(slash + 1),
                  ex.getRequestBody().readAllBytes());
          ex.getResponseHeaders().add("Content-Type", CommitteeApi.Response.CONTENT_TYPE);
          ex.sendResponseHeaders(r.status(), r.body().length);
          ex.getResponseBody().write(r.body());
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private TallyInput input(String poll) {
    TallyInput in = closed.get(poll);
    if (in == null) {
      throw new CommitteeException(
          CommitteeException.Kind.CONFLICT, "not_closed", "poll " + poll + " is not closed");
    }
    return in;
  }

  private Process spawn(int member, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(org.cvote.committee.cli.Main.class.getName());
    cmd.addAll(List.of(args));
    cmd.add("--home");
    cmd.add(dir.resolve("m" + member).toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("m" + member + "-" + args[0] + ".log").toFile());
    pb.environment().put("CVOTE_PASSPHRASE", "mật khẩu của thành viên " + member);
    return pb.start();
  }

  private boolean log(org.cvote.committee.ceremony.Registration r, int home) {
    try {
      byte[] key =
          org.cvote.committee.identity.IdentityFile.readPublic(
                  dir.resolve("m" + home).resolve("identity.json"))
              .signingPublicKey();
      return java.util.Arrays.equals(key, r.signingPublicKey());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String log(int member, String cmd) throws IOException {
    return Files.readString(dir.resolve("m" + member + "-" + cmd + ".log"));
  }

  private void await(List<Process> ps, int member0, String cmd) throws Exception {
    await(ps, java.util.stream.IntStream.range(member0, member0 + ps.size()).boxed().toList(), cmd);
  }

  private void await(List<Process> ps, List<Integer> members, String cmd) throws Exception {
    for (int k = 0; k < ps.size(); k++) {
      Process p = ps.get(k);
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timeout");
      assertEquals(0, p.exitValue(), log(members.get(k), cmd));
    }
  }

  @Test
  void ceremonyAndDecryptionAsSeparateProcessesOverHttp() throws Exception {
    String poll = "poll-http";
    int n = 3;
    List<Process> inits = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      inits.add(
          spawn(
              i,
              "init",
              "--name",
              "Thành viên " + i,
              "--kdf-memory",
              "1024",
              "--kdf-iterations",
              "1"));
    }
    await(inits, 1, "init");
    assertTrue(log(1, "init").contains("Fingerprint: "), log(1, "init"));
    List<Process> joins = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      codes.add(store.invite(poll, "Nguyễn Thị Thành viên " + i));
      // member 2 pastes the slip's join link alone; the others type the code, server and poll
      joins.add(
          i == 2
              ? spawn(
                  i, "join", "--invite", url + "/committee/" + poll + "#invite=" + codes.get(i - 1))
              : spawn(
                  i,
                  "join",
                  "--invite",
                  codes.get(i - 1).toLowerCase(java.util.Locale.ROOT),
                  url,
                  poll));
    }
    await(joins, 1, "join");
    assertEquals(n, coordinator.view(poll).registrations().size());
    // the tool prints the fingerprint to read aloud and the name the invitation carries
    var first =
        coordinator.view(poll).registrations().stream()
            .filter(r -> log(r, 1))
            .findFirst()
            .orElseThrow();
    assertTrue(
        log(1, "join").contains("Fingerprint / Dấu vân tay: " + first.fingerprint()),
        log(1, "join"));
    assertTrue(log(1, "join").contains("Nguyễn Thị Thành viên 1"), log(1, "join"));
    // an uninvited identity re-using member 1's (used) code is refused, and nothing is stored
    await(
        List.of(
            spawn(
                4, "init", "--name", "Người lạ", "--kdf-memory", "1024", "--kdf-iterations", "1")),
        4,
        "init");
    Process stranger = spawn(4, "join", "--invite", codes.get(0), url, poll);
    assertTrue(stranger.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, stranger.exitValue());
    assertTrue(
        log(4, "join").contains("invitation_used") && log(4, "join").contains("403"),
        log(4, "join"));
    assertEquals(n, coordinator.view(poll).registrations().size());
    // the list the secretariat ticked and announced in the hall: the three invited members, in the
    // order they joined
    List<String> announced =
        coordinator.view(poll).registrations().stream().map(r -> r.fingerprint()).toList();
    String expectMembers = String.join(",", announced);
    // docs/protocol.md §8.7: a dishonest operator registers a key of its own under an invitation it
    // made itself and
    // approves it beside the ticked three; the honest members' tools show the list and refuse to
    // commit
    org.cvote.committee.identity.MemberIdentity operator =
        org.cvote.committee.identity.MemberIdentity.generate("Người của nhà điều hành");
    coordinator.register(
        poll,
        org.cvote.committee.ceremony.Registration.create(
            poll, operator, store.invite(poll, "Người của nhà điều hành")));
    coordinator.start(poll, 2);
    assertEquals(4, coordinator.view(poll).n());
    Process scripted =
        spawn(
            1,
            "ceremony",
            "--interval",
            "100",
            "--expect-members",
            expectMembers,
            "--expect-t",
            "2");
    assertTrue(scripted.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, scripted.exitValue(), log(1, "ceremony"));
    assertTrue(
        log(1, "ceremony")
                .contains(
                    "unexpected member 4 (Người của nhà điều hành): " + operator.fingerprint())
            && log(1, "ceremony").contains("member_list_refused"),
        log(1, "ceremony"));
    assertTrue(
        log(1, "ceremony").contains(" 4. " + operator.fingerprint()),
        "the tool showed the served list: " + log(1, "ceremony"));
    // without a terminal and without the list, nothing is committed either
    Process unconfirmed = spawn(2, "ceremony", "--interval", "100");
    assertTrue(unconfirmed.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, unconfirmed.exitValue(), log(2, "ceremony"));
    assertTrue(log(2, "ceremony").contains("--expect-members"), log(2, "ceremony"));
    assertTrue(coordinator.view(poll).commits().isEmpty(), "nothing posted");
    // the secretariat notices, aborts and restarts without the operator's member (a new γ): the
    // tools ask again
    coordinator.abort(poll, "a member nobody ticked");
    coordinator.restartWithout(poll, java.util.Set.of(4));
    Process otherT =
        spawn(
            3,
            "ceremony",
            "--interval",
            "100",
            "--expect-members",
            expectMembers,
            "--expect-t",
            "3");
    assertTrue(otherT.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, otherT.exitValue(), log(3, "ceremony"));
    assertTrue(log(3, "ceremony").contains("t differs: served 2, announced 3"), log(3, "ceremony"));
    assertTrue(coordinator.view(poll).commits().isEmpty(), "nothing posted");
    long t0 = System.nanoTime();
    List<Process> ceremonies = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ceremonies.add(
          spawn(
              i,
              "ceremony",
              "--interval",
              "100",
              "--expect-members",
              expectMembers,
              "--expect-t",
              "2"));
    }
    await(ceremonies, 1, "ceremony");
    assertEquals(Phase.DONE, coordinator.view(poll).phase());
    System.out.printf("ceremony over HTTP, 3 processes: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertTrue(log(2, "ceremony").contains("Ceremony finished"), log(2, "ceremony"));

    Fixture.Poll p = Fixture.poll(coordinator, poll, new byte[32], 2, 12);
    // before close: decrypt is refused with a clear message
    await(List.of(spawn(1, "status")), 1, "status");
    assertTrue(log(1, "status").contains("DONE"), log(1, "status"));
    assertTrue(
        log(1, "status").contains("n = 3, t = 2") && log(1, "status").contains("<- bạn / you"),
        log(1, "status"));
    Process early = spawn(1, "decrypt");
    assertTrue(early.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, early.exitValue());
    assertTrue(log(1, "decrypt").contains("not closed"), log(1, "decrypt"));

    // the figures read aloud in the hall: 12 ballots and the head fingerprint of the true board
    String ballots = "12";
    String head = p.input().closing().headFingerprint();
    // a dishonest server serves a prefix of the board (the first ballot) under a closing statement
    // it signs for it
    closed.put(
        poll,
        Fixture.closed(
            p.manifest(),
            p.context(),
            p.input().tokenSpki(),
            p.board().subList(0, 1),
            new byte[32]));
    List<Process> refusing =
        List.of(
            spawn(1, "decrypt", "--expect-ballots", ballots, "--expect-head", head),
            spawn(3, "decrypt", "--expect-ballots", ballots, "--expect-head", head));
    for (Process r : refusing) {
      assertTrue(r.waitFor(180, TimeUnit.SECONDS), "timeout");
      assertEquals(1, r.exitValue(), "a member decrypted the prefix board");
    }
    for (int m : List.of(1, 3)) {
      String out = log(m, "decrypt");
      assertTrue(
          out.contains("số phiếu") && out.contains("ballots") && out.contains("announced 12"), out);
      assertTrue(
          out.contains("ballots collected:           1"),
          "the member saw the served figures: " + out);
    }
    assertEquals(0, desk.progress(poll)[0], "nothing posted");
    // without a terminal and without the figures the tool decrypts nothing either
    Process noFigures = spawn(1, "decrypt");
    assertTrue(noFigures.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, noFigures.exitValue(), log(1, "decrypt"));
    assertTrue(log(1, "decrypt").contains("--expect-ballots"), log(1, "decrypt"));

    closed.put(poll, p.input());
    await(
        List.of(
            spawn(1, "decrypt", "--expect-ballots", ballots, "--expect-head", head),
            spawn(
                3,
                "decrypt",
                "--expect-ballots",
                ballots,
                "--expect-head",
                head.toLowerCase().replace(" ", ""))),
        List.of(1, 3),
        "decrypt");
    // the dishonest server now serves member 1 the prefix board again, with figures it "announces"
    // for it: refused
    TallyInput prefix =
        Fixture.closed(
            p.manifest(),
            p.context(),
            p.input().tokenSpki(),
            p.board().subList(0, 1),
            new byte[32]);
    closed.put(poll, prefix);
    Process second =
        spawn(
            1,
            "decrypt",
            "--expect-ballots",
            "1",
            "--expect-head",
            prefix.closing().headFingerprint());
    assertTrue(second.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, second.exitValue(), log(1, "decrypt"));
    assertTrue(log(1, "decrypt").contains("already decrypted another board"), log(1, "decrypt"));
    closed.put(poll, p.input());
    TallyResult r = desk.tally(poll);
    List<Integer> expected = new ArrayList<>();
    for (int home : List.of(1, 3)) {
      byte[] key =
          org.cvote.committee.identity.IdentityFile.readPublic(
                  dir.resolve("m" + home).resolve("identity.json"))
              .signingPublicKey();
      expected.add(coordinator.view(poll).memberByKey(key).orElseThrow().index());
    }
    java.util.Collections.sort(expected);
    assertEquals(expected, r.decryption().members());
    for (int s = 0; s < 2; s++) {
      assertArrayEquals(p.truth()[s], r.counts().get(s));
    }
  }

  /**
   * Ballot version 2 over real HTTP (docs/protocol.md §16.6): the served manifest's ballotVersion
   * and base make each member's tool read the board as version 2 lines, check it, and post one
   * share per subject; the desk combines them to the true counts.
   */
  @Test
  void versionTwoDecryptionAsSeparateProcessesOverHttp() throws Exception {
    String poll = "poll-http-v2";
    int n = 2;
    List<Process> inits = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      inits.add(
          spawn(
              i,
              "init",
              "--name",
              "Thành viên " + i,
              "--kdf-memory",
              "1024",
              "--kdf-iterations",
              "1"));
    }
    await(inits, 1, "init");
    List<Process> joins = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      joins.add(spawn(i, "join", "--invite", store.invite(poll, "Thành viên " + i), url, poll));
    }
    await(joins, 1, "join");
    String expectMembers =
        String.join(
            ",",
            coordinator.view(poll).registrations().stream().map(r -> r.fingerprint()).toList());
    coordinator.start(poll, 2);
    List<Process> ceremonies = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ceremonies.add(
          spawn(
              i,
              "ceremony",
              "--interval",
              "100",
              "--expect-members",
              expectMembers,
              "--expect-t",
              "2"));
    }
    await(ceremonies, 1, "ceremony");
    assertEquals(Phase.DONE, coordinator.view(poll).phase());

    Fixture.PollV2 p = Fixture.pollV2(coordinator, poll, new byte[32], 3, 9, 15);
    closed.put(poll, p.input());
    String head = p.input().closing().headFingerprint();
    List<Process> decrypts = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      decrypts.add(spawn(i, "decrypt", "--expect-ballots", "9", "--expect-head", head));
    }
    await(decrypts, 1, "decrypt");
    assertTrue(log(1, "decrypt").contains("ballot version 2"), log(1, "decrypt"));
    assertTrue(log(1, "decrypt").contains("(3 labels, each with a proof)"), log(1, "decrypt"));
    assertEquals(2, desk.progress(poll)[0]);
    TallyResult r = desk.tally(poll);
    assertEquals(List.of(1, 2), r.decryption().members());
    for (int s = 0; s < 3; s++) {
      assertArrayEquals(p.truth()[s], r.counts().get(s));
    }
  }
}
