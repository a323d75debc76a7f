package org.cvote.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CommitPost;
import org.cvote.committee.ceremony.ConfirmPost;
import org.cvote.committee.ceremony.EncryptedShare;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.RevealPost;
import org.cvote.committee.cli.CommitteeCli;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.crypto.group.Point;
import org.cvote.server.support.Api;
import org.cvote.server.support.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key ceremony and the joint decryption survive SIGKILL (issue 9). The server and each committee member's tool
 * ({@code cvote-committee ceremony} / {@code decrypt}) run as separate processes over HTTP. During the ceremony one
 * member's process is killed and started again, then the server is killed at a random point of the rounds and
 * booted again on the same data folder: every post it had accepted is still there, the members' tools resume the
 * same attempt (same commitments, so the same joint key K) and the poll becomes ready. During the decryption a
 * member's process and the server are killed while partial decryptions are being posted: the accepted ones stay,
 * the members who had not finished post again, and tally and publish give a record the verifier accepts with the
 * voters' totals. {@code -Dcvote.crash.seed=N} replays the kill points.
 */
class CommitteeCrashTest {
    private static final int N = 3;
    private static final int T = 2;
    private static final int SUBJECTS = 2;
    private static final int BALLOTS = 6;
    private static final Pattern JOINT_KEY = Pattern.compile("Joint key K: ([0-9a-f]+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void ceremonyAndDecryptionResumeAfterSigkill() throws Exception {
        long seed = Long.getLong("cvote.crash.seed", System.nanoTime());
        System.out.println("[crash] committee test: seed " + seed + " (replay with -Dcvote.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        long t0 = System.nanoTime();
        try (ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("logs"));
             Members members = new Members(work.resolve("members"))) {
            server.start();
            Api api = new Api(server.uri());
            String admin = api.login("admin", server.firstRunPassword());
            Scenario poll = new Scenario(api, null, admin).draft(SUBJECTS, 12);
            String id = poll.pollId;
            expect(api.post("/admin/polls/" + id + "/ceremony", null, admin), 200);
            for (int m = 1; m <= N; m++) members.initAndJoin(m, server.uri().toString(), id);
            expect(api.post("/admin/polls/" + id + "/committee/start", Map.of("t", T), admin), 200);
            progress(t0, "committee approved");

            // ---- the key ceremony: a member's process killed and resumed, then the server killed mid-round ----
            int total = 4 * N; // commits, reveals, share posts, confirmations
            int memberKillAt = 1 + random.nextInt(total / 2 - 1);
            int serverKillAt = memberKillAt + 1 + random.nextInt(3 * N - memberKillAt - 1); // before any confirmation
            int victim = 1 + random.nextInt(N);
            for (int m = 1; m <= N; m++) members.start(m, "ceremony", "--interval", "400");
            HttpCommitteeClient committee = new HttpCommitteeClient(server.uri());
            CeremonyState seen = null;
            boolean memberKilled = false;
            String memberKillPhase = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                CeremonyState s = committee.ceremony(id);
                int p = posts(s);
                assertNotEquals(Phase.FAILED, s.phase, () -> "the ceremony failed: " + s.failure);
                if (!memberKilled && p >= memberKillAt) {
                    members.kill(victim);
                    memberKillPhase = s.phase + " after " + p + " of " + total + " posts";
                    members.start(victim, "ceremony", "--interval", "400"); // resumes from its sealed state file
                    memberKilled = true;
                }
                if (memberKilled && p >= serverKillAt) {
                    seen = s;
                    server.kill();
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "the ceremony made no progress: " + s.phase + " " + p + "/" + total);
                Thread.sleep(25);
            }
            progress(t0, "server killed during the ceremony");
            assertNotEquals(Phase.DONE, seen.phase, "the kill must fall inside the ceremony");
            String serverKillPhase = seen.phase + " after " + posts(seen) + " of " + total + " posts";
            members.awaitAll("ceremony", false); // they cannot reach the server: they stop with an error
            server.start();
            long ceremonyRestart = server.bootMillis();
            committee = new HttpCommitteeClient(server.uri());
            api = new Api(server.uri());
            CeremonyState after = committee.ceremony(id);
            assertStillHolds(seen, after);
            for (int m = 1; m <= N; m++) members.start(m, "ceremony", "--interval", "200");
            members.awaitAll("ceremony", true);
            progress(t0, "ceremony finished after the restart");
            CeremonyState done = committee.ceremony(id);
            assertEquals(Phase.DONE, done.phase);
            assertEquals(seen.attempt, done.attempt, "the same attempt resumed, not a new one");
            assertEquals(seen.ceremonyId, done.ceremonyId);
            assertStillHolds(seen, done);
            Point k = Point.IDENTITY;
            for (RevealPost r : done.reveals) k = k.add(r.commitments().get(0));
            assertEquals(k, done.jointKey, "K = Σ K_i0 of the commitments fixed before the kill");
            for (int m = 1; m <= N; m++) {
                Matcher mk = JOINT_KEY.matcher(members.output(m, "ceremony"));
                assertTrue(mk.find(), members.output(m, "ceremony"));
                assertEquals(done.jointKey.toHex(), mk.group(1), "member " + m + " computed the same K");
            }
            JsonNode ready = expect(api.get("/api/polls/" + id, null), 200).json();
            assertEquals("READY", ready.path("status").asText(), "the finished ceremony made the poll ready");
            assertEquals(done.jointKey.toHex(), ready.path("context").path("jointKey").asText());

            // ---- voting ----
            poll.checkIn(12).open();
            PollKeys keys = PollKeys.fetch(api, id);
            long[][] truth = new long[SUBJECTS][3];
            List<CrashVoter> voters = new ArrayList<>();
            for (int b = 0; b < BALLOTS; b++) {
                int[] choice = new int[SUBJECTS];
                for (int s = 0; s < SUBJECTS; s++) {
                    choice[s] = random.nextInt(3);
                    truth[s][choice[s]]++;
                }
                CrashVoter v = new CrashVoter(keys, poll.codes.get(b), choice);
                assertEquals(CrashVoter.Reply.OK, v.requestToken(api));
                assertEquals(CrashVoter.Reply.OK, v.cast(api));
                voters.add(v);
            }
            expect(api.post("/admin/polls/" + id + "/close", null, admin), 200);
            progress(t0, "voted and closed");

            // ---- the decryption: a member's process and the server killed while partials are posted ----
            int decryptVictim = 1 + random.nextInt(N);
            long decryptVictimDelay = random.nextInt(2500);
            long serverDelay = random.nextInt(300);
            for (int m = 1; m <= N; m++) members.start(m, "decrypt");
            long started = System.nanoTime();
            boolean victimKilled = false;
            List<Integer> postedBeforeKill = null;
            deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                if (!victimKilled && System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(decryptVictimDelay)) {
                    members.kill(decryptVictim);
                    victimKilled = true;
                }
                List<Integer> posted = partials(api, id, admin);
                if (!posted.isEmpty()) {
                    Thread.sleep(serverDelay);
                    postedBeforeKill = partials(api, id, admin);
                    server.kill();
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "no partial decryption arrived");
                Thread.sleep(20);
            }
            if (!victimKilled) members.kill(decryptVictim);
            progress(t0, "server killed during the decryption");
            Map<Integer, Integer> exits = members.awaitAll("decrypt", null);
            server.start();
            long decryptionRestart = server.bootMillis();
            api = new Api(server.uri());
            List<Integer> afterRestart = partials(api, id, admin);
            assertTrue(afterRestart.containsAll(postedBeforeKill), "accepted partial decryptions " + postedBeforeKill
                    + " survive the kill (after the restart: " + afterRestart + ")");
            List<Integer> again = new ArrayList<>();
            for (int m = 1; m <= N; m++) {
                if (exits.get(m) != 0) {
                    again.add(m);
                    members.start(m, "decrypt");
                }
            }
            members.awaitAll("decrypt", true);
            assertEquals(List.of(1, 2, 3), partials(api, id, admin));
            progress(t0, "every member's partial decryption in");

            JsonNode tally = expect(api.post("/admin/polls/" + id + "/tally", Map.of(), admin), 200).json().path("tally");
            assertEquals(BALLOTS, tally.path("collected").asInt());
            expect(api.post("/admin/polls/" + id + "/publish", null, admin), 200);
            Path record = work.resolve("record");
            unzip(expect(api.get("/api/polls/" + id + "/record", null), 200).raw(), record);
            assertEquals(0, Verify.record(record), "the verifier accepts the record");
            BoardAudit board = BoardAudit.ofRecord(record, keys);
            for (CrashVoter v : voters) board.assertHolds(v.receipt(), "record");
            JsonNode tallyFile = Api.JSON.readTree(record.resolve("tally.json").toFile());
            for (JsonNode r : tallyFile.path("results")) {
                long[] counts = new long[3];
                for (int j = 0; j < 3; j++) counts[j] = r.path("counts").get(j).asLong();
                assertArrayEquals(truth[r.path("subject").asInt() - 1], counts);
            }
            server.stop();
            System.out.printf("[crash] committee test: member %d killed in the ceremony at %s and resumed; server killed at %s, "
                            + "restart %d ms, ceremony resumed (attempt %d) with the same K; decryption: member %d killed after %d ms, "
                            + "server killed with partials %s in, restart %d ms, posted again by %s; tally verified; %.1f s in all (seed %d)%n",
                    victim, memberKillPhase, serverKillPhase, ceremonyRestart, done.attempt, decryptVictim, decryptVictimDelay,
                    postedBeforeKill, decryptionRestart, again, (System.nanoTime() - t0) / 1e9, seed);
        }
    }

    /** Accepted posts of the ceremony: commitments, reveals, members' share posts, confirmations. */
    private static int posts(CeremonyState s) {
        int shares = 0;
        for (int m = 1; m <= s.n; m++) if (s.hasShares(m)) shares++;
        return s.commits.size() + s.reveals.size() + shares + s.confirmations.size();
    }

    /** Everything {@code before} showed (read from the server before the kill, so committed) is in {@code after}, unchanged. */
    private static void assertStillHolds(CeremonyState before, CeremonyState after) {
        assertEquals(before.ceremonyId, after.ceremonyId);
        assertEquals(before.attempt, after.attempt);
        for (CommitPost c : before.commits) {
            assertTrue(after.commit(c.member()).map(x -> x.sameAs(c)).orElse(false), "commitment of member " + c.member() + " kept");
        }
        for (RevealPost r : before.reveals) {
            assertTrue(after.reveal(r.member()).map(x -> x.sameAs(r)).orElse(false), "reveal of member " + r.member() + " kept");
        }
        for (EncryptedShare e : before.shares) {
            assertTrue(after.share(e.from(), e.to()).map(x -> x.sameAs(e)).orElse(false), "share " + e.from() + "→" + e.to() + " kept");
        }
        for (ConfirmPost c : before.confirmations) {
            assertTrue(after.confirmation(c.member()).map(x -> x.transcript().equals(c.transcript())).orElse(false),
                    "confirmation of member " + c.member() + " kept");
        }
        assertTrue(posts(after) >= posts(before));
    }

    /** The members whose valid partial decryption the server holds (the secretariat's committee view). */
    private static List<Integer> partials(Api api, String id, String admin) {
        JsonNode d = expect(api.get("/admin/polls/" + id + "/committee", admin), 200).json().path("decryption");
        List<Integer> out = new ArrayList<>();
        for (JsonNode m : d.path("members")) out.add(m.asInt());
        return List.copyOf(new TreeSet<>(out));
    }

    private static void unzip(byte[] zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path f = dir.resolve(e.getName()).normalize();
                if (!dir.equals(f.getParent())) throw new IOException("unexpected entry " + e.getName());
                Files.write(f, z.readAllBytes());
            }
        }
    }

    private static void progress(long t0, String what) {
        System.out.printf("[crash] %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    /**
     * The committee members: identities made and registered with the real CLI in this JVM ({@code init}, {@code join}),
     * then {@code ceremony} and {@code decrypt} as separate processes ({@code bin/cvote-committee}'s Main), each member
     * with its own home folder (identity, sealed ceremony state) and passphrase.
     */
    private static final class Members implements AutoCloseable {
        private final Path dir;
        private final Map<Integer, Process> running = new HashMap<>();
        private final Map<Integer, Path> logs = new HashMap<>();

        Members(Path dir) throws IOException {
            this.dir = Files.createDirectories(dir);
        }

        private Path home(int m) {
            return dir.resolve("m" + m);
        }

        private static String passphrase(int m) {
            return "mật khẩu của thành viên " + m;
        }

        void initAndJoin(int m, String server, String poll) throws IOException {
            Path pass = dir.resolve("pass-" + m);
            Files.writeString(pass, passphrase(m) + "\n", StandardCharsets.UTF_8);
            String[] common = {"--home", home(m).toString(), "--passphrase-file", pass.toString()};
            assertEquals(0, CommitteeCli.run(concat(new String[] {"init", "--name", "Thành viên " + m, "--kdf-memory", "1024",
                    "--kdf-iterations", "1"}, common)));
            assertEquals(0, CommitteeCli.run(concat(new String[] {"join", server, poll}, common)));
        }

        void start(int m, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "org.cvote.committee.Main"));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("--home", home(m).toString()));
            Path log = dir.resolve("m" + m + "-" + args[0] + "-" + System.nanoTime() + ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("CVOTE_PASSPHRASE", passphrase(m));
            logs.put(m, log);
            running.put(m, pb.start());
        }

        void kill(int m) throws InterruptedException {
            Process p = running.get(m);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }

        String output(int m, String cmd) throws IOException {
            return Files.readString(logs.get(m), StandardCharsets.UTF_8);
        }

        /** Waits for every member's last process; {@code success} true: all must exit 0, false: none may, null: any. */
        Map<Integer, Integer> awaitAll(String what, Boolean success) throws Exception {
            Map<Integer, Integer> exits = new HashMap<>();
            for (var e : running.entrySet()) {
                Process p = e.getValue();
                assertTrue(p.waitFor(3, TimeUnit.MINUTES), "member " + e.getKey() + "'s " + what + " hangs");
                exits.put(e.getKey(), p.exitValue());
                String out = output(e.getKey(), what);
                if (success != null && success) assertEquals(0, p.exitValue(), "member " + e.getKey() + ": " + out);
                if (success != null && !success) assertNotEquals(0, p.exitValue(), "member " + e.getKey() + ": " + out);
            }
            return exits;
        }

        @Override
        public void close() {
            running.values().forEach(p -> {
                if (p.isAlive()) p.destroyForcibly();
            });
        }

        private static String[] concat(String[] a, String[] b) {
            String[] out = new String[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }
}
