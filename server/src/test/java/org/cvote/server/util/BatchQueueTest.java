package org.cvote.server.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchQueueTest {

  @Test
  void itemsWaitingWhileTheWorkerIsBusyAreHandledAsOneGroupInOrder() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    try (BatchQueue<Integer> q =
        BatchQueue.start(
            "t",
            1,
            4,
            g -> {
              groups.add(g);
              if (g.contains(0)) {
                busy.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            i -> {
              throw new AssertionError("refused " + i);
            })) {
      q.submit(0);
      assertTrue(busy.await(10, TimeUnit.SECONDS));
      for (int i = 1; i <= 6; i++) {
        q.submit(i);
      }
      release.countDown();
    } // close handles what is queued
    assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6)), groups);
  }

  @Test
  void aThrowingHandlerRefusesItsGroupAndTheWorkerLivesOn() {
    List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
    List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
    try (BatchQueue<Integer> q =
        BatchQueue.start(
            "t",
            1,
            1,
            g -> {
              if (g.get(0) == 1) {
                throw new StackOverflowError("boom");
              }
              handled.addAll(g);
            },
            refused::add)) {
      q.submit(1);
      q.submit(2);
    }
    assertEquals(List.of(1), refused);
    assertEquals(List.of(2), handled);
  }

  @Test
  void afterCloseItemsAreRefusedAtOnce() {
    List<Integer> refused = new ArrayList<>();
    BatchQueue<Integer> q =
        BatchQueue.start(
            "t",
            2,
            8,
            g -> {
              throw new AssertionError("handled " + g);
            },
            refused::add);
    q.close();
    q.submit(7);
    assertEquals(List.of(7), refused);
  }

  @Test
  void preconditions() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BatchQueue.<Integer>start("t", 0, 1, g -> {}, i -> {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> BatchQueue.<Integer>start("t", 1, 0, g -> {}, i -> {}));
    assertThrows(
        NullPointerException.class, () -> BatchQueue.<Integer>start(null, 1, 1, g -> {}, i -> {}));
    assertThrows(
        NullPointerException.class, () -> BatchQueue.<Integer>start("t", 1, 1, null, i -> {}));
    assertThrows(
        NullPointerException.class, () -> BatchQueue.<Integer>start("t", 1, 1, g -> {}, null));
    try (BatchQueue<Integer> q = BatchQueue.start("t", 1, 1, g -> {}, i -> {})) {
      assertThrows(NullPointerException.class, () -> q.submit(null));
    }
  }
}
