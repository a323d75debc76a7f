package org.cvote.server.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Hands waiting items to worker threads in groups: a worker takes every item waiting (up to a
 * limit) and handles them together. Nothing waits on purpose: a lone item is handled at once, and
 * groups grow only while the workers are busy, which is exactly when handling many at once pays.
 *
 * <p>Every submitted item reaches the handler or, when the queue is closed, the refusal: an item is
 * never left without an answer, even when the handler throws (then all its group is refused).
 */
public final class BatchQueue<T> implements AutoCloseable {
  private static final Object STOP = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final int maxBatch;
  private final Consumer<List<T>> handler;
  private final Consumer<T> refuse;
  private final Object gate =
      new Object(); // orders submit against close: no item lands behind the stop
  private boolean closed;

  private BatchQueue(
      String name, int workers, int maxBatch, Consumer<List<T>> handler, Consumer<T> refuse) {
    this.maxBatch = maxBatch;
    this.handler = handler;
    this.refuse = refuse;
    for (int i = 0; i < workers; i++) {
      Thread t =
          Thread.ofPlatform()
              .name(workers == 1 ? name : name + "-" + i)
              .daemon()
              .unstarted(this::work);
      this.workers.add(t);
      t.start();
    }
  }

  /**
   * Starts {@code workers} threads named after {@code name}.
   *
   * @param handler handles one group (at most {@code maxBatch} items, in submission order)
   * @param refuse answers an item that will not be handled (closed queue, or its group's handler
   *     threw)
   */
  public static <T> BatchQueue<T> start(
      String name, int workers, int maxBatch, Consumer<List<T>> handler, Consumer<T> refuse) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(refuse, "refuse");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    return new BatchQueue<>(name, workers, maxBatch, handler, refuse);
  }

  /** Queues an item; once closed, the item is refused at once. */
  public void submit(T item) {
    Objects.requireNonNull(item, "item");
    synchronized (gate) {
      if (!closed) {
        queue.add(item);
        return;
      }
    }
    refuse.accept(item);
  }

  @SuppressWarnings("unchecked")
  private void work() {
    List<Object> taken = new ArrayList<>(maxBatch);
    while (true) {
      taken.clear();
      try {
        taken.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(taken, maxBatch - 1);
      boolean stop = taken.remove(STOP);
      if (stop) {
        queue.add(STOP); // for the other workers; nothing is ever queued behind it
      }
      if (!taken.isEmpty()) {
        List<T> group = (List<T>) (List<?>) List.copyOf(taken);
        try {
          handler.accept(group);
        } catch (RuntimeException | Error e) {
          group.forEach(refuse); // the worker lives on, and no item is left waiting
        }
      }
      if (stop) {
        return;
      }
    }
  }

  /** Handles what is queued, then stops the workers. */
  @Override
  public void close() {
    synchronized (gate) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    for (Thread t : workers) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
