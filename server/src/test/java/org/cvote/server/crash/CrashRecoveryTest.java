package org.cvote.server.crash;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CommitPost;
import org.cvote.committee.ceremony.ConfirmPost;
import org.cvote.committee.ceremony.EncryptedShare;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.RevealPost;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.support.Scenario;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is ever lost (issue 9): one poll's whole life with the server as its own
 * process, SIGKILLed (no shutdown hook, no Derby checkpoint) at random moments and booted again on
 * the same data folder.
 *
 * <ol>
 *   <li>Key ceremony, each committee member's {@code cvote-committee ceremony} a process of its
 *       own: a member's process is killed and started again, then the server is killed mid-round.
 *       Every post the server had accepted is still there after the restart, the members resume the
 *       same attempt (same commitments, so the same joint key K) and the poll becomes ready.
 *   <li>Casting under load: concurrent voters obtain tokens and cast 5-subject ballots; the server
 *       is killed several times. After each kill: on disk no token is spent without its ballot and
 *       the chain has no gap; after the restart every ballot whose signed receipt was returned is
 *       on the board at its index with the same B_k and T_k, every T_k recomputes, and a cast that
 *       got no reply, resent byte for byte, is refused as token_spent exactly when its ballot is
 *       already on the board and accepted otherwise; voting goes on.
 *   <li>Decryption: a member's {@code decrypt} process and the server are killed while the partial
 *       decryptions are posted; the accepted ones stay, the others post again, and tally and
 *       publish give a record the verifier accepts, holding every receipt, with the voters' totals.
 * </ol>
 *
 * Only external guarantees are asserted, so the test holds for any correct cast path (batched
 * verification, grouped commits). Each phase needs the previous one (it is skipped otherwise). Kill
 * moments come from a seeded generator, printed: {@code -Dcvote.crash.seed=N} replays them, {@code
 * -Dcvote.crash.kills=N} sets the kills while casting (default 3). The figures go to standard
 * output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryTest {
  private static final int N = 3;
  private static final int T = 2;
  private static final int SUBJECTS = 5;

  /**
   * Voters on the roster per kill while casting: a round acknowledges a few dozen ballots before
   * its kill.
   */
  private static final int VOTERS_PER_KILL = 120;

  private static final int THREADS = 6;
  private static final int AFTER_LAST_RESTART = 24;
  private static final Pattern JOINT_KEY = Pattern.compile("Joint key K: ([0-9a-f]+)");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path work;

  private final long seed = Long.getLong("cvote.crash.seed", System.nanoTime());
  private final int kills = Integer.getInteger("cvote.crash.kills", 3);
  private final int voters = kills * VOTERS_PER_KILL + AFTER_LAST_RESTART + 16;
  private final Random random = new Random(seed);
  private final long t0 = System.nanoTime();
  private final List<String> figures = new ArrayList<>();
  private final List<Long> restarts = new ArrayList<>();
  private ServerProcess server;
  private MemberProcesses members;
  private String admin;
  private Scenario poll;
  private PollKeys keys;
  private boolean ready;
  private boolean voted;

  /** Every voter whose ballot is on the board (acknowledged, or found there after a lost reply). */
  private final List<CrashVoter> onBoard = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void pollWithACommittee() throws Exception {
    System.out.println("[crash] seed " + seed + " (replay with -Dcvote.crash.seed=" + seed + ")");
    server = new ServerProcess(work.resolve("data"), work.resolve("logs")).start();
    figures.add("first boot " + server.bootMillis() + " ms");
    Api api = new Api(server.uri());
    admin = api.login("admin", server.firstRunPassword());
    poll = new Scenario(api, null, admin).draft(SUBJECTS, voters);
    expect(api.post("/admin/polls/" + poll.pollId + "/ceremony", null, admin), 200);
    members = new MemberProcesses(work.resolve("members"));
    List<String> names = new ArrayList<>();
    for (int m = 1; m <= N; m++) {
      names.add("Thành viên " + m);
    }
    JsonNode invited =
        expect(
                api.post(
                    "/admin/polls/" + poll.pollId + "/committee/invitations",
                    Map.of("names", names),
                    admin),
                201)
            .json();
    List<String> fingerprints = new ArrayList<>();
    for (int m = 1; m <= N; m++) {
      members.initAndJoin(
          m,
          server.uri().toString(),
          poll.pollId,
          invited.path("invitations").get(m - 1).path("code").asText());
      fingerprints.add(members.fingerprint(m));
    }
    expect(
        api.post(
            "/admin/polls/" + poll.pollId + "/committee/start",
            Map.of("t", T, "members", fingerprints),
            admin),
        200);
    members.announce(fingerprints, T);
    progress("poll drafted, committee approved");
  }

  @AfterAll
  void stop() throws Exception {
    if (members != null) {
      members.close();
    }
    if (server == null) {
      return;
    }
    server.stop();
    server.close();
    // the servers' internal errors (type, causes, SQLState: the logs carry no messages), for a
    // failure's diagnosis
    try (var logs = Files.list(work.resolve("logs"))) {
      for (Path log : logs.sorted().toList()) {
        for (String line : Files.readAllLines(log)) {
          if (line.contains("\"SEVERE\"")) {
            System.out.println("[crash] " + log.getFileName() + ": " + line);
          }
        }
      }
    }
    // Derby's own record of failed statements (the test servers log every severity): anything but
    // the
    // unique-key refusals of spent tokens
    Path derbyLog = work.resolve("data").resolve("derby.log");
    if (Files.exists(derbyLog)) {
      for (String line : Files.readAllLines(derbyLog)) {
        if (line.startsWith("ERROR ") && !line.startsWith("ERROR 23505")) {
          System.out.println("[crash] derby.log: " + line);
        }
      }
    }
    System.out.printf(
        "[crash] %d server kills survived (restarts after SIGKILL: %s ms); %s; %.1f s in all (seed %d)%n",
        restarts.size(),
        restarts,
        String.join("; ", figures),
        (System.nanoTime() - t0) / 1e9,
        seed);
  }

  @Test
  @Order(1)
  void keyCeremonyResumesAfterAMemberAndTheServerAreKilled() throws Exception {
    String id = poll.pollId;
    int total = 4 * N; // commits, reveals, members' share posts, confirmations
    int memberKillAt = 1 + random.nextInt(total / 2 - 1);
    int serverKillAt =
        memberKillAt + 1 + random.nextInt(3 * N - memberKillAt - 1); // before any confirmation
    int victim = 1 + random.nextInt(N);
    for (int m = 1; m <= N; m++) {
      members.start(m, "ceremony", "--interval", "400");
    }
    HttpCommitteeClient committee = new HttpCommitteeClient(server.uri());
    CeremonyState seen;
    String memberKill = null;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (true) {
      CeremonyState s = committee.ceremony(id);
      int p = posts(s);
      assertNotEquals(Phase.FAILED, s.phase(), () -> "the ceremony failed: " + s.failure());
      if (memberKill == null && p >= memberKillAt) {
        members.kill(victim);
        memberKill = s.phase() + " after " + p + "/" + total + " posts";
        members.start(
            victim, "ceremony", "--interval", "400"); // resumes from its sealed state file
      }
      if (memberKill != null && p >= serverKillAt) {
        seen = s;
        server.kill();
        break;
      }
      assertTrue(
          System.nanoTime() < deadline,
          "the ceremony made no progress: " + s.phase() + " " + p + "/" + total);
      Thread.sleep(25);
    }
    assertNotEquals(Phase.DONE, seen.phase(), "the kill must fall inside the ceremony");
    progress("server killed in the ceremony at " + seen.phase());
    members.awaitAll(false); // their tools lost the server: they stop with an error
    restart();
    committee = new HttpCommitteeClient(server.uri());
    assertStillHolds(seen, committee.ceremony(id));
    for (int m = 1; m <= N; m++) {
      members.start(m, "ceremony", "--interval", "200");
    }
    members.awaitAll(true);
    CeremonyState done = committee.ceremony(id);
    assertEquals(Phase.DONE, done.phase());
    assertEquals(seen.attempt(), done.attempt(), "the same attempt resumed, not a new one");
    assertStillHolds(seen, done);
    Point k = Point.IDENTITY;
    for (RevealPost r : done.reveals()) {
      k = k.add(r.commitments().get(0));
    }
    assertEquals(k, done.jointKey(), "K = Σ K_i0 of the commitments made before the kill");
    for (int m = 1; m <= N; m++) {
      Matcher mk = JOINT_KEY.matcher(members.output(m));
      assertTrue(mk.find(), members.output(m));
      assertEquals(done.jointKey().toHex(), mk.group(1), "member " + m + " computed the same K");
      assertTrue(
          members.output(m).contains("key fingerprint")
              && members.output(m).contains(Context.keyFingerprint(done.jointKey())),
          "member " + m + " is shown the key fingerprint to read aloud (docs/protocol.md §8.9)");
    }
    Api api = new Api(server.uri());
    JsonNode p = expect(api.get("/api/polls/" + id, null), 200).json();
    assertEquals("READY", p.path("status").asText(), "the finished ceremony made the poll ready");
    assertEquals(done.jointKey().toHex(), p.path("context").path("jointKey").asText());
    ready = true;
    String f =
        "ceremony: member "
            + victim
            + " killed at "
            + memberKill
            + " and resumed, server killed at "
            + seen.phase()
            + " after "
            + posts(seen)
            + "/"
            + total
            + " posts, resumed attempt "
            + done.attempt()
            + " with the same K";
    figures.add(f);
    progress(f);
  }

  @Test
  @Order(2)
  void acknowledgedBallotsSurviveRepeatedSigkill() throws Exception {
    assumeTrue(ready, "needs the key ceremony");
    Api api = new Api(server.uri());
    String id = poll.pollId;
    poll = new Scenario(api, null, admin); // on this incarnation's client
    poll.pollId = id;
    poll.subjects = SUBJECTS;
    poll.checkIn(voters).open();
    keys = PollKeys.fetch(api, poll.pollId);
    Queue<CrashVoter> waiting = new ConcurrentLinkedQueue<>();
    for (String code : poll.codes) {
      waiting.add(new CrashVoter(keys, code, choices()));
    }
    voted = true;
    System.out.println(
        "[crash] kill | delay ms | acked in round | acked total | on disk | casts w/o reply | token reqs w/o reply "
            + "| found committed | accepted on retry | restart ms");
    for (int k = 1; k <= kills; k++) {
      api = new Api(server.uri());
      int before = receipts();
      long delay = 300 + random.nextInt(2200);
      Round round = new Round(api, waiting);
      // the kill falls a random time after the round's first receipt, so every round shows casting
      // works
      assertTrue(
          round.firstReceipt.await(2, TimeUnit.MINUTES),
          "no ballot acknowledged in round " + k + round.failure());
      Thread.sleep(delay);
      // and one voter's connection drops right after sending: the server commits a ballot nobody
      // hears of
      CrashVoter hungUp = waiting.poll();
      boolean hungUpCommitted = false;
      if (hungUp != null) {
        assertEquals(CrashVoter.Reply.OK, hungUp.requestToken(api));
        hungUp.castAndHangUp(server.uri());
        for (int i = 0; i < 200 && !hungUpCommitted; i++) {
          hungUpCommitted = BoardAudit.fetch(api, keys).contains(hungUp.ballotHash());
          if (!hungUpCommitted) {
            Thread.sleep(25);
          }
        }
        round.noReply.add(hungUp);
      }
      server.kill();
      round.join();
      int acknowledged = receipts();

      // on disk, before the server's own recovery: no token spent without its ballot, no gap
      DiskAudit.Counts disk =
          DiskAudit.check(server.data(), poll.pollId, work.resolve("disk-copy"));
      assertTrue(
          disk.ballots() >= acknowledged,
          "fewer ballots on disk ("
              + disk.ballots()
              + ") than acknowledged ("
              + acknowledged
              + ")");

      restart();
      api = new Api(server.uri());
      BoardAudit board = BoardAudit.fetch(api, keys);
      assertEquals(
          disk.ballotHashes(),
          board.hashes().stream().map(Digest::toHex).toList(),
          "the restarted server shows what was on disk");
      for (CrashVoter v : snapshot()) {
        if (v.receipt() != null) {
          board.assertHolds(v.receipt(), "after kill " + k);
        } else {
          assertTrue(
              board.contains(v.ballotHash()),
              "a ballot found committed earlier is gone after kill " + k);
        }
      }
      int castsLost = 0, tokensLost = 0, found = 0, accepted = 0;
      for (CrashVoter v : round.noReply) {
        if (!v.hasToken()) {
          tokensLost++;
          assertEquals(
              CrashVoter.Reply.OK, v.requestToken(api), "a token request resent after the restart");
        } else {
          castsLost++;
        }
        boolean committed = v.ballotHash() != null && board.contains(v.ballotHash());
        CrashVoter.Reply r = v.cast(api);
        if (committed) {
          // committed before the kill, reply lost: refused as spent, and the ballot is on the board
          assertEquals(CrashVoter.Reply.TOKEN_SPENT, r, "resending a ballot already on the board");
          found++;
        } else {
          assertEquals(CrashVoter.Reply.OK, r, "resending a ballot that is not on the board");
          if (v.castAttempts() > 1) {
            accepted++;
          }
        }
        onBoard.add(v);
      }
      BoardAudit after = BoardAudit.fetch(api, keys);
      for (CrashVoter v : round.noReply) {
        assertTrue(after.contains(v.ballotHash()), "a resent ballot is on the board");
      }
      assertEquals(
          onBoard.size(), after.size(), "every ballot on the board is one of ours, each once");
      System.out.printf(
          "[crash] %4d | %8d | %14d | %11d | %7d | %15d | %20d | %15d | %17d | %10d%n",
          k,
          delay,
          acknowledged - before,
          acknowledged,
          disk.ballots(),
          castsLost,
          tokensLost,
          found,
          accepted,
          server.bootMillis());
    }

    // voting goes on after the last restart
    int before = receipts();
    Queue<CrashVoter> last = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < AFTER_LAST_RESTART && !waiting.isEmpty(); i++) {
      last.add(waiting.poll());
    }
    int tail = last.size();
    Round round = new Round(new Api(server.uri()), last);
    round.join();
    assertTrue(round.noReply.isEmpty(), "casts without reply while the server ran");
    assertEquals(before + tail, receipts(), "every cast after the last restart is acknowledged");
    String f =
        "casting: "
            + kills
            + " kills, "
            + onBoard.size()
            + " ballots on the board ("
            + receipts()
            + " acknowledged)";
    figures.add(f);
    progress(f);
  }

  @Test
  @Order(3)
  void decryptionResumesAfterSigkillAndTheRecordVerifies() throws Exception {
    assumeTrue(voted, "needs the ballots");
    String id = poll.pollId;
    Api api = new Api(server.uri());
    BoardAudit board = BoardAudit.fetch(api, keys);
    expect(api.post("/admin/polls/" + id + "/close", null, admin), 200);
    // t of the n members decrypt (the others stay home); one of them is killed, and the server
    int victim = 1 + random.nextInt(N);
    List<Integer> decryptors = new ArrayList<>(List.of(victim));
    while (decryptors.size() < T) {
      int m = 1 + random.nextInt(N);
      if (!decryptors.contains(m)) {
        decryptors.add(m);
      }
    }
    Collections.sort(decryptors);
    long victimDelay = random.nextInt(2500);
    long serverDelay = random.nextInt(300);
    // the figures of the closing statement, as the public board shows them and the hall hears them
    JsonNode closing =
        expect(api.get("/api/polls/" + id + "/board", null), 200).json().path("closing");
    String[] decrypt = {
      "decrypt",
      "--expect-ballots",
      closing.path("count").asText(),
      "--expect-head",
      closing.path("fingerprint").asText()
    };
    for (int m : decryptors) {
      members.start(m, decrypt);
    }
    long started = System.nanoTime();
    boolean victimKilled = false;
    List<Integer> beforeKill;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (true) {
      if (!victimKilled
          && System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(victimDelay)) {
        members.kill(victim);
        victimKilled = true;
      }
      if (!partials(api, id).isEmpty()) {
        Thread.sleep(serverDelay);
        beforeKill = partials(api, id);
        server.kill();
        break;
      }
      assertTrue(System.nanoTime() < deadline, "no partial decryption arrived");
      Thread.sleep(20);
    }
    if (!victimKilled) {
      members.kill(victim);
    }
    progress("server killed with the partial decryptions of " + beforeKill + " in");
    Map<Integer, Integer> exits = members.awaitAll(null);
    restart();
    api = new Api(server.uri());
    List<Integer> afterRestart = partials(api, id);
    assertTrue(
        afterRestart.containsAll(beforeKill),
        "accepted partial decryptions " + beforeKill + " survive (after: " + afterRestart + ")");
    List<Integer> again = new ArrayList<>();
    for (int m : decryptors) {
      if (exits.get(m) != 0) {
        again.add(m);
        members.start(
            m, decrypt); // the same board again: allowed, even if the killed run had saved it
      }
    }
    members.awaitAll(true);
    assertEquals(decryptors, partials(api, id));

    JsonNode tally =
        expect(api.post("/admin/polls/" + id + "/tally", Map.of(), admin), 200)
            .json()
            .path("tally");
    assertEquals(onBoard.size(), tally.path("collected").asInt());
    expect(api.post("/admin/polls/" + id + "/publish", null, admin), 200);
    Path record = work.resolve("record");
    unzip(expect(api.get("/api/polls/" + id + "/record", null), 200).raw(), record);
    assertEquals(0, Verify.record(record), "the verifier accepts the record");
    BoardAudit inRecord = BoardAudit.ofRecord(record, keys);
    assertEquals(board.hashes(), inRecord.hashes(), "the record holds the board");
    for (CrashVoter v : snapshot()) {
      if (v.receipt() != null) {
        inRecord.assertHolds(v.receipt(), "record");
      }
    }
    long[][] truth = new long[SUBJECTS][3];
    for (CrashVoter v : snapshot()) {
      for (int s = 0; s < SUBJECTS; s++) {
        if (v.choices[s] != BallotEncryptor.BLANK) {
          truth[s][v.choices[s]]++;
        }
      }
    }
    JsonNode file = Api.JSON.readTree(record.resolve("tally.json").toFile());
    for (JsonNode r : file.path("results")) {
      long[] counts = new long[3];
      for (int j = 0; j < 3; j++) {
        counts[j] = r.path("counts").get(j).asLong();
      }
      assertArrayEquals(
          truth[r.path("subject").asInt() - 1], counts, "subject " + r.path("subject").asInt());
    }
    server.stop();
    DiskAudit.Counts end = DiskAudit.check(server.data(), id, work.resolve("disk-copy"));
    assertEquals(
        onBoard.size(),
        end.ballots(),
        "after an orderly stop the database holds exactly the board");
    String f =
        "decryption by "
            + decryptors
            + ": member "
            + victim
            + " killed after "
            + victimDelay
            + " ms, server killed with partials "
            + beforeKill
            + " in, posted again by "
            + again
            + ", record verified ("
            + onBoard.size()
            + " ballots)";
    figures.add(f);
    progress(f);
  }

  // ---- helpers ----

  private void restart() throws Exception {
    server.start();
    restarts.add(server.bootMillis());
    progress("restarted in " + server.bootMillis() + " ms");
  }

  private void progress(String what) {
    System.out.printf("[crash] %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
  }

  /** Choices of one voter: about 8 % blank rows. */
  private int[] choices() {
    int[] c = new int[SUBJECTS];
    for (int s = 0; s < SUBJECTS; s++) {
      int x = random.nextInt(100);
      c[s] = x < 8 ? BallotEncryptor.BLANK : x % 3;
    }
    return c;
  }

  private List<CrashVoter> snapshot() {
    synchronized (onBoard) {
      return new ArrayList<>(onBoard);
    }
  }

  private int receipts() {
    return (int) snapshot().stream().filter(v -> v.receipt() != null).count();
  }

  /** Accepted posts of the ceremony: commitments, reveals, members' share posts, confirmations. */
  private static int posts(CeremonyState s) {
    int shares = 0;
    for (int m = 1; m <= s.n(); m++) {
      if (s.hasShares(m)) {
        shares++;
      }
    }
    return s.commits().size() + s.reveals().size() + shares + s.confirmations().size();
  }

  /**
   * Everything {@code before} showed (read from the server before the kill, so committed) is in
   * {@code after}, unchanged.
   */
  private static void assertStillHolds(CeremonyState before, CeremonyState after) {
    assertEquals(before.ceremonyId(), after.ceremonyId());
    assertEquals(before.attempt(), after.attempt());
    for (CommitPost c : before.commits()) {
      assertTrue(
          after.commit(c.member()).map(x -> x.sameAs(c)).orElse(false),
          "commitment of member " + c.member() + " kept");
    }
    for (RevealPost r : before.reveals()) {
      assertTrue(
          after.reveal(r.member()).map(x -> x.sameAs(r)).orElse(false),
          "reveal of member " + r.member() + " kept");
    }
    for (EncryptedShare e : before.shares()) {
      assertTrue(
          after.share(e.from(), e.to()).map(x -> x.sameAs(e)).orElse(false),
          "share " + e.from() + "→" + e.to() + " kept");
    }
    for (ConfirmPost c : before.confirmations()) {
      assertTrue(
          after
              .confirmation(c.member())
              .map(x -> x.transcript().equals(c.transcript()))
              .orElse(false),
          "confirmation of member " + c.member() + " kept");
    }
    assertTrue(posts(after) >= posts(before));
  }

  /**
   * The members whose valid partial decryption the server holds (the secretariat's committee view).
   */
  private List<Integer> partials(Api api, String id) {
    JsonNode d =
        expect(api.get("/admin/polls/" + id + "/committee", admin), 200).json().path("decryption");
    List<Integer> out = new ArrayList<>();
    for (JsonNode m : d.path("members")) {
      out.add(m.asInt());
    }
    return List.copyOf(new TreeSet<>(out));
  }

  private static void unzip(byte[] zip, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        Path f = dir.resolve(e.getName()).normalize();
        if (!dir.equals(f.getParent())) {
          throw new IOException("unexpected entry " + e.getName());
        }
        Files.write(f, z.readAllBytes());
      }
    }
  }

  /**
   * Voter threads taking voters from a queue until it is empty or a request gets no reply (the
   * server died): that voter is kept in {@link #noReply}, with its token state and ballot, to be
   * resent after the restart.
   */
  private final class Round {
    final CountDownLatch firstReceipt = new CountDownLatch(1);
    final List<CrashVoter> noReply = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failed = new AtomicReference<>();

    Round(Api api, Queue<CrashVoter> waiting) {
      for (int i = 0; i < THREADS; i++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (CrashVoter v; (v = waiting.poll()) != null; ) {
                      if (!v.hasToken() && v.requestToken(api) == CrashVoter.Reply.NO_REPLY) {
                        noReply.add(v);
                        return;
                      }
                      CrashVoter.Reply r = v.cast(api);
                      if (r == CrashVoter.Reply.NO_REPLY) {
                        noReply.add(v);
                        return;
                      }
                      if (r == CrashVoter.Reply.TOKEN_SPENT) {
                        throw new AssertionError("a first cast was refused as token_spent");
                      }
                      onBoard.add(v);
                      firstReceipt.countDown();
                    }
                  } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                    firstReceipt.countDown();
                  }
                },
                "crash-voter-" + i);
        threads.add(t);
        t.start();
      }
    }

    /** Waits for every thread; rethrows the first failure. */
    void join() throws InterruptedException {
      for (Thread t : threads) {
        t.join(TimeUnit.MINUTES.toMillis(3));
        if (t.isAlive()) {
          throw new AssertionError(t.getName() + " hangs");
        }
      }
      Throwable e = failed.get();
      if (e instanceof Error err) {
        throw err;
      }
      if (e != null) {
        throw new AssertionError(e);
      }
    }

    String failure() {
      return failed.get() == null ? "" : ": " + failed.get();
    }
  }
}
