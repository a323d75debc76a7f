package org.cvote.server;

import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the server jar: {@code cvote server|demo} ({@code cvote bench} is in the tools
 * module).
 */
@Command(
    name = "cvote",
    mixinStandardHelpOptions = true,
    version = "cvote 1.0",
    description = "End-to-end verifiable confidence votes (lấy phiếu tín nhiệm).",
    subcommands = {Main.Server.class, Main.Demo.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    structuredLogs();
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /**
   * JSON log lines (logging.properties on the classpath) unless the operator configured JUL
   * himself.
   */
  static void structuredLogs() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (java.io.InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
      if (in != null) {
        java.util.logging.LogManager.getLogManager().readConfiguration(in);
      }
    } catch (java.io.IOException e) {
      System.err.println("cvote: could not read logging.properties: " + e.getMessage());
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "server", mixinStandardHelpOptions = true, description = "Run the server.")
  static final class Server implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default: application.yaml, 8080)")
    Integer port;

    @Option(names = "--data", description = "data folder (default ./data)")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
      Path dataDir = data;
      Config config =
          Config.create(); // application.yaml on the classpath + environment + system properties
      ServerConfig sc = ServerConfig.from(config.get("cvote"), dataDir);
      // Derby must know where its log goes before its first boot.
      System.setProperty("derby.stream.error.file", sc.dataDir().resolve("derby.log").toString());
      CvoteServer server =
          CvoteServer.start(sc, config.get("server"), port, CvoteServer.defaultCrypto());
      server
          .app()
          .firstRunPassword()
          .ifPresent(
              pw -> {
                // Printed once, to the console only; it is not stored or logged anywhere.
                System.out.println(
                    "First run: secretariat account 'admin' created with one-time password: " + pw);
                System.out.println("Change it after logging in (POST /admin/password).");
              });
      System.out.println(
          "cvote server listening on http://localhost:"
              + server.port()
              + " (data: "
              + sc.dataDir()
              + ", store: "
              + sc.store().describe()
              + ")");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "cvote-shutdown"));
      stopped.await();
      return 0;
    }
  }

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Run a demonstration poll: server, sample poll, key ceremony with simulated members, open "
              + "(prints the booth URL and access codes); with --auto also votes, tallies, publishes and writes the record.")
  static final class Demo implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default: a free port)")
    Integer port;

    @Option(names = "--data", description = "empty data folder (default: a new temporary folder)")
    Path data;

    @Option(
        names = "--auto",
        description =
            "cast ballots with simulated voters, close, decrypt, tally, publish, write the record, exit")
    boolean auto;

    @Option(
        names = "--voters",
        description =
            "voters (interactive: summoned; --auto: ballots cast) (default: ${DEFAULT-VALUE})")
    int voters = 60;

    @Option(
        names = "--out",
        description = "--auto: folder for the record files and record.zip (default: ./demo-record)")
    Path out;

    @Option(
        names = "--subjects",
        description = "subjects on the ballot, 1..8 (default: ${DEFAULT-VALUE})")
    int subjects = 5;

    @Option(names = "--members", description = "committee members n (default: ${DEFAULT-VALUE})")
    int members = 5;

    @Option(names = "--threshold", description = "threshold t (default: ${DEFAULT-VALUE})")
    int threshold = 3;

    @Option(
        names = "--decryptors",
        split = ",",
        description = "--auto: members who decrypt (default: 1..t)")
    java.util.List<Integer> decryptors;

    @Option(
        names = "--ballot-version",
        description =
            "ballot encoding of the poll, 1 or 2 (docs/protocol.md §16; default: ${DEFAULT-VALUE}:"
                + " the record of --auto then verifies under implementations of the original"
                + " contract, which know only version 1)")
    int ballotVersion = 1;

    @Override
    public Integer call() throws Exception {
      if (ballotVersion != 1 && ballotVersion != 2) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--ballot-version: 1 or 2, got " + ballotVersion);
      }
      return org.cvote.server.demo.Demo.run(
          new org.cvote.server.demo.Demo.Settings(
              port,
              data,
              auto,
              voters,
              out,
              subjects,
              members,
              threshold,
              decryptors,
              ballotVersion),
          new java.io.PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
