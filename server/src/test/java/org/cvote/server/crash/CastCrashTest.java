package org.cvote.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.demo.DemoRunner;
import org.cvote.server.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing acknowledged is ever lost (issue 9): the server runs as its own process; concurrent voters obtain tokens
 * and cast 5-subject ballots; the server is SIGKILLed at a random moment, several times, and booted again on the
 * same data folder. After each kill: every ballot whose signed receipt was returned is on the board at its index
 * with the same B_k and T_k; the chain has no gap and every T_k recomputes; on disk no token is spent without its
 * ballot; a cast that got no reply, resent byte for byte, is accepted once if it was not committed and refused as
 * token_spent if it was (and then its ballot is on the board); voting goes on. In the end close, the committee's
 * partial decryptions, tally and publish give a record the verifier accepts, whose totals are the voters' choices.
 *
 * <p>Only external guarantees are asserted, so the test holds for any correct cast path (batched verification,
 * grouped commits). The kill moments come from a seeded generator: {@code -Dcvote.crash.seed=N} replays a run,
 * {@code -Dcvote.crash.kills=N} changes the number of kills (default 3).
 */
class CastCrashTest {
    private static final int SUBJECTS = 5;
    private static final int THREADS = 6;
    private static final int VOTERS = 400;
    private static final int AFTER_LAST_RESTART = 24;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    /** One kill: when, how much was acknowledged, what the lost replies turned out to be, how long the boot took. */
    record Kill(int number, long delayMs, int acknowledgedInRound, int acknowledgedTotal, int onDisk, int castsWithoutReply,
                int tokenRequestsWithoutReply, int foundCommitted, int acceptedOnRetry, long bootMs) {}

    @Test
    void acknowledgedBallotsSurviveRepeatedSigkill() throws Exception {
        long seed = Long.getLong("cvote.crash.seed", System.nanoTime());
        int kills = Integer.getInteger("cvote.crash.kills", 3);
        System.out.println("[crash] cast test: seed " + seed + " (replay with -Dcvote.crash.seed=" + seed + "), " + kills + " kills");
        Random random = new Random(seed);
        long t0 = System.nanoTime();

        try (ServerProcess server = new ServerProcess(work.resolve("data"), work.resolve("logs"))) {
            server.start();
            long firstBoot = server.bootMillis();
            progress(t0, "server up");
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            DemoRunner demo = new DemoRunner(server.uri(), "admin", server.firstRunPassword(), quiet)
                    .setUp(new DemoRunner.Options(SUBJECTS, VOTERS + 2, 3, 2, List.of(1, 2)));
            PollKeys poll = PollKeys.fetch(new Api(server.uri()), demo.pollId());
            progress(t0, "poll open (key ceremony done)");
            Queue<CrashVoter> waiting = new ConcurrentLinkedQueue<>();
            for (String code : demo.accessCodes()) waiting.add(new CrashVoter(poll, code, choices(random)));
            List<CrashVoter> onBoard = Collections.synchronizedList(new ArrayList<>());
            List<Kill> figures = new ArrayList<>();

            for (int k = 1; k <= kills; k++) {
                Api api = new Api(server.uri());
                int before = receipts(onBoard);
                long delay = 300 + random.nextInt(2200);
                Round round = new Round(api, waiting, onBoard);
                round.start();
                // the kill falls a random time after the round's first receipt, so every round proves casting works
                assertTrue(round.firstReceipt.await(2, TimeUnit.MINUTES), "no ballot acknowledged in round " + k + round.failure());
                Thread.sleep(delay);
                server.kill();
                progress(t0, "kill " + k);
                round.join();
                round.rethrow();
                List<CrashVoter> lost = round.noReply;
                int acknowledged = receipts(onBoard);

                // on disk, before the server's own recovery: no token spent without its ballot, no gap
                DiskAudit.Counts disk = DiskAudit.check(server.data(), poll.pollId(), work.resolve("disk-copy"));
                assertTrue(disk.ballots() >= acknowledged, "fewer ballots on disk (" + disk.ballots() + ") than acknowledged (" + acknowledged + ")");

                progress(t0, "disk checked");
                server.start();
                progress(t0, "restarted");
                api = new Api(server.uri());
                BoardAudit board = BoardAudit.fetch(api, poll);
                assertEquals(disk.ballots(), board.size(), "the restarted server shows what was on disk");
                assertEquals(disk.ballotHashes(), board.hashes().stream().map(Digest::toHex).toList());
                for (CrashVoter v : snapshot(onBoard)) {
                    if (v.receipt() != null) board.assertHolds(v.receipt(), "after kill " + k);
                    else assertTrue(board.contains(v.ballotHash()), "a ballot found committed earlier is gone after kill " + k);
                }
                int castsLost = 0, tokensLost = 0, found = 0, accepted = 0;
                for (CrashVoter v : lost) {
                    if (!v.hasToken()) {
                        tokensLost++;
                        assertEquals(CrashVoter.Reply.OK, v.requestToken(api), "a token request resent after the restart");
                    } else if (v.castAttempts() > 0) {
                        castsLost++;
                    }
                    boolean committed = v.ballotHash() != null && board.contains(v.ballotHash());
                    CrashVoter.Reply r = v.cast(api);
                    if (committed) {
                        // committed before the kill, reply lost: the resent cast is refused, and the ballot is on the board
                        assertEquals(CrashVoter.Reply.TOKEN_SPENT, r, "resending a ballot already on the board");
                        found++;
                    } else {
                        assertEquals(CrashVoter.Reply.OK, r, "resending a ballot that is not on the board");
                        if (v.castAttempts() > 1) accepted++;
                    }
                    onBoard.add(v);
                }
                BoardAudit after = BoardAudit.fetch(api, poll);
                for (CrashVoter v : lost) assertTrue(after.contains(v.ballotHash()), "a resolved ballot is on the board");
                assertEquals(onBoard.size(), after.size(), "every ballot on the board is one of ours, each once");
                Kill f = new Kill(k, delay, acknowledged - before, acknowledged, disk.ballots(), castsLost, tokensLost, found, accepted,
                        server.bootMillis());
                figures.add(f);
                System.out.println("[crash] " + f);
            }

            // voting goes on after the last restart
            Api api = new Api(server.uri());
            int before = receipts(onBoard);
            List<CrashVoter> last = new ArrayList<>();
            for (int i = 0; i < AFTER_LAST_RESTART && !waiting.isEmpty(); i++) last.add(waiting.poll());
            Round tail = new Round(api, new ConcurrentLinkedQueue<>(last), onBoard);
            tail.start();
            tail.join();
            tail.rethrow();
            assertTrue(tail.noReply.isEmpty(), "casts without reply while the server ran");
            assertEquals(before + last.size(), receipts(onBoard), "every cast after the last restart is acknowledged");

            progress(t0, "voting goes on");
            // close, the committee decrypts, tally, publish: the record verifies and counts exactly our ballots
            BoardAudit board = BoardAudit.fetch(api, poll);
            for (CrashVoter v : snapshot(onBoard)) {
                if (v.receipt() != null) board.assertHolds(v.receipt(), "before close");
            }
            demo.close();
            demo.decrypt(1);
            demo.decrypt(2);
            demo.tally(null);
            demo.publish();
            Path record = work.resolve("record");
            demo.download(record);
            progress(t0, "published");
            assertEquals(0, Verify.record(record), "the verifier accepts the record");
            progress(t0, "verified");
            BoardAudit inRecord = BoardAudit.ofRecord(record, poll);
            assertEquals(board.hashes(), inRecord.hashes(), "the record holds the board");
            for (CrashVoter v : snapshot(onBoard)) {
                if (v.receipt() != null) inRecord.assertHolds(v.receipt(), "record");
            }
            long[][] truth = new long[SUBJECTS][3];
            for (CrashVoter v : snapshot(onBoard)) {
                for (int s = 0; s < SUBJECTS; s++) if (v.choices[s] != BallotEncryptor.BLANK) truth[s][v.choices[s]]++;
            }
            JsonNode tally = Api.JSON.readTree(record.resolve("tally.json").toFile());
            assertEquals(onBoard.size(), tally.path("collected").asInt());
            for (JsonNode r : tally.path("results")) {
                long[] counts = new long[3];
                for (int j = 0; j < 3; j++) counts[j] = r.path("counts").get(j).asLong();
                assertArrayEquals(truth[r.path("subject").asInt() - 1], counts, "subject " + r.path("subject").asInt());
            }
            server.stop();
            DiskAudit.Counts end = DiskAudit.check(server.data(), poll.pollId(), work.resolve("disk-copy"));
            assertEquals(onBoard.size(), end.ballots());

            System.out.printf("[crash] cast test: %d kills survived, %d ballots on the board (%d with a receipt), first boot %d ms, "
                            + "restarts after SIGKILL %s ms, %.1f s in all (seed %d)%n", figures.size(), onBoard.size(), receipts(onBoard),
                    firstBoot, figures.stream().map(Kill::bootMs).toList(), (System.nanoTime() - t0) / 1e9, seed);
            System.out.println("[crash] kill | delay ms | acked in round | acked total | on disk | casts w/o reply | token reqs w/o reply "
                    + "| found committed | accepted on retry | restart ms");
            for (Kill f : figures) {
                System.out.printf("[crash] %4d | %8d | %14d | %11d | %7d | %15d | %20d | %15d | %17d | %10d%n", f.number(), f.delayMs(),
                        f.acknowledgedInRound(), f.acknowledgedTotal(), f.onDisk(), f.castsWithoutReply(), f.tokenRequestsWithoutReply(),
                        f.foundCommitted(), f.acceptedOnRetry(), f.bootMs());
            }
        }
    }

    private static void progress(long t0, String what) {
        System.out.printf("[crash] %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    /** Choices of one voter: about 8 % blank rows. */
    private static int[] choices(Random random) {
        int[] c = new int[SUBJECTS];
        for (int s = 0; s < SUBJECTS; s++) {
            int x = random.nextInt(100);
            c[s] = x < 8 ? BallotEncryptor.BLANK : x % 3;
        }
        return c;
    }

    private static List<CrashVoter> snapshot(List<CrashVoter> list) {
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    private static int receipts(List<CrashVoter> list) {
        return (int) snapshot(list).stream().filter(v -> v.receipt() != null).count();
    }

    /**
     * Voter threads taking voters from a queue until it is empty or a request gets no reply (the server died):
     * that voter is kept in {@link #noReply} with its token state and ballot, to be resent after the restart.
     */
    private static final class Round {
        final CountDownLatch firstReceipt = new CountDownLatch(1);
        final List<CrashVoter> noReply = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicReference<Throwable> failed = new AtomicReference<>();
        private final AtomicInteger active = new AtomicInteger();

        Round(Api api, Queue<CrashVoter> waiting, List<CrashVoter> onBoard) {
            for (int i = 0; i < THREADS; i++) {
                threads.add(new Thread(() -> {
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
                            if (r == CrashVoter.Reply.TOKEN_SPENT) throw new AssertionError("a first cast was refused as token_spent");
                            onBoard.add(v);
                            firstReceipt.countDown();
                        }
                    } catch (Throwable e) {
                        failed.compareAndSet(null, e);
                        firstReceipt.countDown();
                    } finally {
                        active.decrementAndGet();
                    }
                }, "crash-voter-" + i));
            }
        }

        void start() {
            active.set(threads.size());
            threads.forEach(Thread::start);
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(3));
                if (t.isAlive()) throw new AssertionError(t.getName() + " hangs");
            }
        }

        String failure() {
            return failed.get() == null ? "" : ": " + failed.get();
        }

        void rethrow() {
            Throwable e = failed.get();
            if (e instanceof Error err) throw err;
            if (e != null) throw new AssertionError(e);
        }
    }
}
