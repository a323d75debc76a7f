package org.cvote.server.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cvote.committee.cli.CommitteeCli;

/**
 * The counting committee's members as {@code bin/cvote-committee} would run them: identities made
 * and registered with the real CLI in this JVM ({@code init}, {@code join}); {@code ceremony} and
 * {@code decrypt} as separate processes (the committee's Main), so a test can SIGKILL them. Each
 * member has its own home folder (identity, sealed ceremony state) and passphrase.
 */
final class MemberProcesses implements AutoCloseable {
  private final Path dir;
  private final Map<Integer, Process> last = new HashMap<>();

  /** Processes started since the last {@link #awaitAll}. */
  private final Map<Integer, Process> pending = new HashMap<>();

  private final Map<Integer, Path> logs = new HashMap<>();

  /**
   * The approved list as announced in the hall: every {@code ceremony} gets it as
   * --expect-members/--expect-t (§8.7).
   */
  private List<String> announced = List.of();

  /**
   * Records the list the secretariat approved (fingerprints in order, and t) for the members'
   * {@code ceremony} runs.
   */
  void announce(List<String> fingerprints, int t) {
    announced =
        List.of(
            "--expect-members", String.join(",", fingerprints), "--expect-t", Integer.toString(t));
  }

  MemberProcesses(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  private Path home(int m) {
    return dir.resolve("m" + m);
  }

  private static String passphrase(int m) {
    return "mật khẩu của thành viên " + m;
  }

  /**
   * {@code cvote-committee init} (cheap Argon2 for the test) and {@code join --invite CODE SERVER
   * POLL}.
   */
  void initAndJoin(int m, String server, String poll, String invitation) throws IOException {
    Path pass = dir.resolve("pass-" + m);
    Files.writeString(pass, passphrase(m) + "\n", StandardCharsets.UTF_8);
    List<String> common =
        List.of("--home", home(m).toString(), "--passphrase-file", pass.toString());
    List<String> init =
        new ArrayList<>(
            List.of(
                "init",
                "--name",
                "Thành viên " + m,
                "--kdf-memory",
                "1024",
                "--kdf-iterations",
                "1"));
    init.addAll(common);
    assertEquals(0, CommitteeCli.run(init.toArray(String[]::new)), "init of member " + m);
    List<String> join = new ArrayList<>(List.of("join", "--invite", invitation, server, poll));
    join.addAll(common);
    assertEquals(0, CommitteeCli.run(join.toArray(String[]::new)), "join of member " + m);
  }

  /** Member m's key fingerprint, as {@code join} printed it and the secretariat ticks it. */
  String fingerprint(int m) throws IOException {
    return org.cvote.committee.identity.IdentityFile.readPublic(home(m).resolve("identity.json"))
        .fingerprint();
  }

  /**
   * Starts {@code cvote-committee ARGS --home …} for member m (the passphrase in its environment).
   */
  void start(int m, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC"));
    // the ceremony's rounds are light: start fast; decrypt verifies the whole board: keep the
    // optimizing compiler
    if (args[0].equals("ceremony")) {
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "org.cvote.committee.cli.Main"));
    cmd.addAll(List.of(args));
    if (args[0].equals("ceremony")) {
      cmd.addAll(announced);
    }
    cmd.addAll(List.of("--home", home(m).toString()));
    Path log = dir.resolve("m" + m + "-" + args[0] + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("CVOTE_PASSPHRASE", passphrase(m));
    logs.put(m, log);
    Process p = pb.start();
    last.put(m, p);
    pending.put(m, p);
  }

  /** SIGKILL of member m's running process. */
  void kill(int m) throws InterruptedException {
    Process p = last.get(m);
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
  }

  /** The output of member m's last process. */
  String output(int m) throws IOException {
    return Files.readString(logs.get(m), StandardCharsets.UTF_8);
  }

  /**
   * Waits for the processes started since the last call (a member's latest one) and returns their
   * exit codes; {@code success} true: each must exit 0, false: none may (they lost the server),
   * null: either.
   */
  Map<Integer, Integer> awaitAll(Boolean success) throws Exception {
    Map<Integer, Integer> exits = new HashMap<>();
    Map<Integer, Process> waiting = new HashMap<>(pending);
    pending.clear();
    for (var e : waiting.entrySet()) {
      Process p = e.getValue();
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "member " + e.getKey() + "'s process hangs");
      exits.put(e.getKey(), p.exitValue());
      if (Boolean.TRUE.equals(success)) {
        assertEquals(0, p.exitValue(), "member " + e.getKey() + ": " + output(e.getKey()));
      }
      if (Boolean.FALSE.equals(success)) {
        assertNotEquals(0, p.exitValue(), "member " + e.getKey() + ": " + output(e.getKey()));
      }
    }
    return exits;
  }

  @Override
  public void close() {
    last.values()
        .forEach(
            p -> {
              if (p.isAlive()) {
                p.destroyForcibly();
              }
            });
  }
}
