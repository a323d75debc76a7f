package org.cvote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The tools jar's command line has the bench that bin/cvote passes on ({@code cvote bench ...}),
 * with its options.
 */
class MainTest {

  @Test
  void commandLineHasTheBenchWithItsOptions() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    assertTrue(out.toString().contains("bench"), out.toString());
    StringWriter help = new StringWriter();
    cli.setOut(new PrintWriter(help));
    assertEquals(0, cli.execute("bench", "--help"));
    for (String option :
        new String[] {
          "--quick",
          "--voters",
          "--warmup",
          "--concurrency",
          "--verifier-ballots",
          "--committee-board",
          "--large-poll",
          "--work",
          "--out"
        }) {
      assertTrue(help.toString().contains(option), option + " in " + help);
    }
  }

  @Test
  void aBadSettingIsRefusedBeforeAnythingRuns() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new PrintWriter(err));
    // fewer than 10 timed casts: Bench.Settings refuses it before a server is started
    int code = cli.execute("bench", "--quick", "--voters", "3", "--work", "target/never-created");
    assertTrue(code != 0, "exit " + code);
    assertTrue(err.toString().contains("voters must be at least 10, got 3"), err.toString());
    assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("target/never-created")));
  }

  @Test
  void aBadCommitteeBoardSizeIsRefusedBeforeAnythingRuns() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "bench", "--quick", "--committee-board", "500", "--work", "target/never-created-board");
    assertTrue(code != 0, "exit " + code);
    assertTrue(
        err.toString().contains("--committee-board must be VOTERSxSUBJECTS"), err.toString());
    assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("target/never-created-board")));
  }
}
