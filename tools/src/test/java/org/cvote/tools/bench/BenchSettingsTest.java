package org.cvote.tools.bench;

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
}
