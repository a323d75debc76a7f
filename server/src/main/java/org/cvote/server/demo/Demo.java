package org.cvote.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.cvote.server.CvoteApp;
import org.cvote.server.CvoteServer;
import org.cvote.server.ServerConfig;

/**
 * {@code cvote demo}: starts a server on a fresh data folder, creates a sample poll through the
 * real API, runs the key ceremony with simulated members over HTTP, checks voters in and opens;
 * then either keeps serving (printing the booth URL and the access codes) or, with {@code --auto},
 * votes, closes, decrypts, tallies, publishes, writes the record to the output folder and stops.
 */
public final class Demo {
  /** Command-line settings of the demo. */
  public record Settings(
      Integer port,
      Path data,
      boolean auto,
      int voters,
      Path out,
      int subjects,
      int members,
      int threshold,
      List<Integer> decryptors,
      int ballotVersion) {
    /** The settings before {@code --ballot-version} existed: version 1. */
    public Settings(
        Integer port,
        Path data,
        boolean auto,
        int voters,
        Path out,
        int subjects,
        int members,
        int threshold,
        List<Integer> decryptors) {
      this(port, data, auto, voters, out, subjects, members, threshold, decryptors, 1);
    }
  }

  private Demo() {}

  public static int run(Settings s, PrintStream log) throws IOException, InterruptedException {
    Path data = s.data() != null ? s.data() : Files.createTempDirectory("cvote-demo");
    if (Files.exists(data.resolve("db"))) {
      log.println("cvote demo: " + data + " already holds a database; give an empty --data folder");
      return 2;
    }
    Files.createDirectories(data);
    int port = s.port() != null ? s.port() : freePort();
    System.setProperty("derby.stream.error.file", data.resolve("derby.log").toString());
    Config config = Config.create();
    ServerConfig base = ServerConfig.from(config.get("cvote"), data);
    // always a fresh embedded database: a demo poll must never land in a configured production
    // store
    ServerConfig sc =
        base.withPublicUrl("http://localhost:" + port)
            .withStore(org.cvote.server.store.StoreSettings.derby());
    CvoteServer server =
        CvoteServer.start(sc, config.get("server"), port, CvoteServer.defaultCrypto());
    boolean keep = false;
    try {
      String password =
          server
              .app()
              .firstRunPassword()
              .orElseThrow(() -> new IllegalStateException("no first-run account"));
      URI uri = URI.create("http://localhost:" + server.port());
      log.println("cvote demo: server on " + uri + " (data: " + data + ")");
      int ballots = s.auto() ? s.voters() : 0;
      DemoRunner.Options o =
          DemoRunner.Options.of(s.subjects(), ballots, s.members(), s.threshold());
      if (!s.auto()) {
        o =
            new DemoRunner.Options(
                s.subjects(), Math.max(2, s.voters()), s.members(), s.threshold(), o.decryptors());
      }
      if (s.decryptors() != null && !s.decryptors().isEmpty()) {
        o = o.withDecryptors(s.decryptors());
      }
      DemoRunner demo =
          new DemoRunner(uri, "admin", password, log).ballotVersion(s.ballotVersion()).setUp(o);
      if (s.auto()) {
        Path out = s.out() != null ? s.out() : Path.of("demo-record");
        JsonNode tally = demo.runAuto(s.voters(), out);
        boolean ok = demo.summary(tally);
        log.println(
            "record written to "
                + out.toAbsolutePath()
                + " (and record.zip, report.pdf, report.html); check it with: bin/cvote-verify "
                + out);
        return ok ? 0 : 1;
      }
      log.println();
      log.println(
          "Secretariat login: admin / "
              + password
              + "   (console: "
              + uri.resolve("/console.html")
              + ")");
      log.println("Booth: " + demo.boothUrl());
      log.println("Access codes (one per voter present):");
      List<String> codes = demo.accessCodes();
      for (int i = 0; i < codes.size(); i++) {
        log.printf("  %3d  %s   %s#code=%s%n", i + 1, codes.get(i), demo.boothUrl(), codes.get(i));
      }
      log.println("Serving; press Ctrl-C to stop.");
      keep = true;
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "cvote-demo-shutdown"));
      stopped.await();
      return 0;
    } finally {
      if (!keep) {
        server.close();
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Convenience for callers holding a running app (tests). */
  public static String adminPassword(CvoteApp app) {
    return app.firstRunPassword().orElseThrow();
  }
}
