package org.cvote.tools.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class BenchSettingsTest {
  private static final Path W = Path.of("w");
  private static final Path O = Path.of("o.json");

  @Test
  void tooFewTimedVotersAreRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Bench.Settings(9, 0, 1, 1, 1, 1_000, W, O, true));
    assertTrue(e.getMessage().contains("voters"), e.getMessage());
  }

  @Test
  void negativeWarmupIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Bench.Settings(10, -1, 1, 1, 1, 1_000, W, O, true));
    assertTrue(e.getMessage().contains("warmup"), e.getMessage());
  }

  @Test
  void noConnectionsIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Bench.Settings(10, 0, 0, 1, 1, 1_000, W, O, true));
    assertTrue(e.getMessage().contains("concurrency"), e.getMessage());
  }

  @Test
  void fullRunWarmsUpBeforeItsFiveThousandTimedCasts() {
    Bench.Settings full = Bench.Settings.full(W, O);
    assertEquals(5_000, full.voters());
    assertTrue(
        full.warmup() >= full.voters(),
        "the full run's warm-up is at least as long as its timed phase");
    assertEquals(100_000, full.verifierBallots());
  }

  @Test
  void threadsAreSortedByTheirJob() {
    assertEquals(ThreadCpu.Part.PROOFS, ThreadCpu.Part.of("proof-batch-1"));
    assertEquals(ThreadCpu.Part.BOARD, ThreadCpu.Part.of("board-writer"));
    assertEquals(ThreadCpu.Part.JIT, ThreadCpu.Part.of("C2 CompilerThre"));
    assertEquals(ThreadCpu.Part.GC, ThreadCpu.Part.of("GC Thread#0"));
    assertEquals(ThreadCpu.Part.REQUESTS, ThreadCpu.Part.of("ForkJoinPool-1-"));
    assertEquals(ThreadCpu.Part.OTHER, ThreadCpu.Part.of("main"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void thisProcessesThreadsHaveUsedCpu() {
    long x = 0;
    for (int i = 0; i < 50_000_000; i++) {
      x += i * 31L ^ x; // burn some CPU on this thread
    }
    Map<ThreadCpu.Part, Double> cpu = ThreadCpu.of(ProcessHandle.current().pid());
    assertTrue(x != 1, "keeps the loop");
    assertTrue(
        cpu.getOrDefault(ThreadCpu.Part.OTHER, 0.0) > 0,
        "the test thread's CPU is read from /proc: " + cpu);
  }

  @Test
  void version1CastsInOnePollAndVersion2SpillsItsWarmupIntoPollsOfAtMostTenThousandSummoned() {
    assertArrayEquals(new int[] {15_000, 5_000}, CastBench.polls(1, 15_000, 5_000).get(0));
    assertEquals(1, CastBench.polls(1, 15_000, 5_000).size());
    var v2 = CastBench.polls(2, 15_000, 5_000);
    int warm = 0;
    for (int[] p : v2) {
      assertTrue(p[0] + p[1] <= CastBench.V2_POLL_VOTERS, "poll of " + (p[0] + p[1]) + " voters");
      warm += p[0];
    }
    assertEquals(15_000, warm, "every warm-up cast is made");
    assertArrayEquals(
        new int[] {CastBench.V2_POLL_VOTERS - 5_000, 5_000},
        v2.get(v2.size() - 1),
        "the timed casts are all in the last poll, after as much of the warm-up as fits");
    for (int[] p : v2.subList(0, v2.size() - 1)) {
      assertEquals(0, p[1], "no timed casts before the last poll");
    }
    assertEquals(1, CastBench.polls(2, 500, 750).size(), "the quick run: one poll");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CastBench.polls(2, 0, CastBench.V2_POLL_VOTERS + 1));
    assertTrue(e.getMessage().contains("at most"), e.getMessage());
  }

  @Test
  void moreTimedCastsThanAVersion2PollHoldsAreRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Bench.Settings(10_000, 0, 1, 1, 1, 1_000, W, O, true));
    assertTrue(e.getMessage().contains("voters"), e.getMessage());
  }

  @Test
  void largePollSizeParsesAndIsBounded() {
    assertEquals(new LargePollBench.Size(500, 50), LargePollBench.Size.parse("500x50"));
    assertEquals(LargePollBench.Size.FULL, LargePollBench.Size.parse(" 500×50 "));
    assertTrue(LargePollBench.Size.parse("0").skip());
    assertThrows(IllegalArgumentException.class, () -> LargePollBench.Size.parse("500"));
    assertThrows(IllegalArgumentException.class, () -> LargePollBench.Size.parse("ax50"));
    var e =
        assertThrows(IllegalArgumentException.class, () -> LargePollBench.Size.parse("20000x5"));
    assertTrue(e.getMessage().contains("voters"), e.getMessage());
  }

  @Test
  void theVerifierComparesBothVersionsAtTheLargestVersion2Record() {
    assertTrue(
        VerifierRun.V2_BALLOTS <= org.cvote.testkit.fixture.ElectionFixtureV2.MAX_BALLOTS,
        "the version 2 fixture can build a record of that size");
  }
}
