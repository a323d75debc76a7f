package org.cvote.server.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cvote.server.demo.DemoRunner;
import org.cvote.server.secret.MasterKey;
import org.cvote.server.store.StoreSettings;
import org.cvote.server.support.NodeProcess;
import org.cvote.server.support.PostgresServer;

/**
 * Cast throughput of whole server nodes (processes of their own, as deployed) on each store:
 * embedded Derby with one node, PostgreSQL with one node and with two nodes sharing the database (a
 * durable cluster: fsync and synchronous commit on, like Derby's log). Untimed: the poll, its
 * ceremony, and the simulated voters' tokens and encrypted ballots ({@link DemoRunner#prepare}),
 * then a warm-up. Timed: the casts alone, from concurrent clients, spread over the nodes in turn.
 * Prints ballots/s and the p50/p99 latency of one cast.
 *
 * <pre>
 * bin/cvote-bench-store [--ballots N] [--warmup N] [--subjects S] [--clients C] [--only derby,pg1,pg2]
 * </pre>
 */
public final class StoreCastBench {
  record Result(
      String store, int nodes, int ballots, int clients, double seconds, double p50, double p99) {}

  private int ballots = 400;
  private int warmup = 60;
  private int subjects = 5;
  private int clients = 16;
  private List<String> only = List.of("derby", "pg1", "pg2");

  public static void main(String[] args) throws Exception {
    StoreCastBench b = new StoreCastBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ballots" -> b.ballots = Integer.parseInt(args[++i]);
        case "--warmup" -> b.warmup = Integer.parseInt(args[++i]);
        case "--subjects" -> b.subjects = Integer.parseInt(args[++i]);
        case "--clients" -> b.clients = Integer.parseInt(args[++i]);
        case "--only" -> b.only = Arrays.asList(args[++i].split(","));
        default -> {
          System.err.println(
              "usage: StoreCastBench [--ballots N] [--warmup N] [--subjects S] [--clients C] [--only derby,pg1,pg2]");
          System.exit(2);
        }
      }
    }
    b.run();
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "cast throughput: %d ballots x %d subjects, %d concurrent clients, %d warm-up casts; %d cores%n",
        ballots,
        subjects,
        clients,
        warmup,
        Runtime.getRuntime().availableProcessors());
    List<Result> results = new ArrayList<>();
    PostgresServer pg =
        only.contains("pg1") || only.contains("pg2") ? PostgresServer.start(true) : null;
    try {
      if (only.contains("derby")) {
        results.add(measure("Derby", 1, StoreSettings.derby()));
      }
      if (only.contains("pg1")) {
        results.add(measure("PostgreSQL", 1, database(pg, "bench_pg1")));
      }
      if (only.contains("pg2")) {
        results.add(measure("PostgreSQL", 2, database(pg, "bench_pg2")));
      }
    } finally {
      if (pg != null) {
        pg.stop();
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-11s %5s %8s %8s %10s %8s %8s%n",
        "store",
        "nodes",
        "ballots",
        "clients",
        "ballots/s",
        "p50 ms",
        "p99 ms");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-11s %5d %8d %8d %10.1f %8.1f %8.1f%n",
          r.store(),
          r.nodes(),
          r.ballots(),
          r.clients(),
          r.ballots() / r.seconds(),
          r.p50(),
          r.p99());
    }
  }

  private static StoreSettings database(PostgresServer pg, String name) {
    pg.createDatabase(name);
    return pg.settings(name, StoreSettings.DEFAULT_POOL_SIZE);
  }

  private Result measure(String store, int nodes, StoreSettings settings) throws Exception {
    System.out.println(store + ", " + nodes + " node(s): preparing …");
    Path work = Files.createTempDirectory("cvote-bench");
    Path master = work.resolve("master-keyset.json");
    MasterKey.loadOrCreate(master);
    List<NodeProcess> started = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        started.add(
            NodeProcess.start(work.resolve("node" + i), master, settings, List.of("-Xmx1g")));
      }
      List<URI> uris = new ArrayList<>();
      for (NodeProcess n : started) {
        uris.add(n.awaitReady(Duration.ofMinutes(2)).uri());
      }
      String password =
          started.stream().flatMap(n -> n.firstRunPassword().stream()).findFirst().orElseThrow();
      PrintStream quiet =
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      DemoRunner runner = new DemoRunner(uris, "admin", password, quiet);
      runner.setUp(DemoRunner.Options.of(subjects, warmup + ballots, 3, 2));
      List<DemoRunner.PreparedBallot> prepared = runner.prepare(warmup + ballots);
      castAll(runner, prepared.subList(0, warmup), nodes);
      System.out.println(store + ", " + nodes + " node(s): timing " + ballots + " casts …");
      long t0 = System.nanoTime();
      double[] millis = castAll(runner, prepared.subList(warmup, warmup + ballots), nodes);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Arrays.sort(millis);
      return new Result(
          store,
          nodes,
          ballots,
          clients,
          seconds,
          percentile(millis, 0.50),
          percentile(millis, 0.99));
    } finally {
      started.forEach(NodeProcess::close);
      delete(work);
    }
  }

  /**
   * Casts every ballot from {@code clients} threads, ballot k at node k mod n; returns each cast's
   * latency (ms).
   */
  private double[] castAll(DemoRunner runner, List<DemoRunner.PreparedBallot> list, int nodes)
      throws Exception {
    double[] millis = new double[list.size()];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        fs.add(
            pool.submit(
                () -> {
                  for (int k; (k = next.getAndIncrement()) < list.size(); ) {
                    long s = System.nanoTime();
                    DemoRunner.CastAnswer a = runner.cast(list.get(k), k % nodes);
                    millis[k] = (System.nanoTime() - s) / 1e6;
                    if (a.status() != 200) {
                      throw new IllegalStateException(
                          "cast refused: " + a.status() + " " + a.body());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return millis;
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
