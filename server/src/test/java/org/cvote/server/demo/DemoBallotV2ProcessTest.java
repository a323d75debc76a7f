package org.cvote.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.testkit.http.Api;
import org.junit.jupiter.api.Test;

/**
 * {@code cvote demo --auto --ballot-version 2} as a separate process: the record is a version 2
 * record (docs/protocol.md §16: the manifest's ballotVersion and B = summoned + 1, one aggregate
 * per subject, {@code s<i>} shares) that the Java verifier and the Python second verifier accept.
 * The help says the default stays version 1 (DemoProcessTest checks that record).
 */
class DemoBallotV2ProcessTest {

  @Test
  void demoAutoWithBallotVersionTwoWritesAVersionTwoRecordBothVerifiersAccept() throws Exception {
    Path work = Files.createTempDirectory("cvote-demo-v2");
    Path out = work.resolve("record");
    Path log = work.resolve("demo.log");
    Process p =
        demo(
                log,
                "--auto",
                "--ballot-version",
                "2",
                "--voters",
                "6",
                "--subjects",
                "2",
                "--members",
                "3",
                "--threshold",
                "2",
                "--data",
                work.resolve("data").toString(),
                "--out",
                out.toString())
            .start();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String text = read(log);
    assertTrue(ended, "demo did not finish:\n" + text);
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("decrypted totals equal the simulated voters' choices"), text);

    JsonNode manifest = Api.JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals(61, BallotVersion.of(manifest).orElseThrow().base(), "B = 60 summoned + 1");
    List<String> names = new ArrayList<>();
    manifest.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("pollId", "title", "subjects", "options", "ballotVersion", "base"),
        names.subList(0, 6));
    String line = Files.readAllLines(out.resolve("ballots.ndjson")).get(0);
    JsonNode row = Api.JSON.readTree(line).get("rows").get(0);
    assertTrue(row.has("alpha") && row.has("proof") && !row.has("options"), line);
    assertTrue(Files.readString(out.resolve("decryption.json")).contains("\"s1\""));

    assertEquals(0, PipelineTest.verify(out));
    assertEquals(0, PipelineTest.verify(out.resolve("record.zip")));
    SecondVerifier.accepts(out);
    SecondVerifier.accepts(out.resolve("record.zip"));
  }

  @Test
  void theHelpSaysTheDemoStaysVersionOneByDefault() throws Exception {
    Path log = Files.createTempFile("cvote-demo-help", ".txt");
    Process p = demo(log, "--help").start();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    String help = read(log).replaceAll("\\s+", " ");
    assertTrue(help.contains("--ballot-version"), help);
    assertTrue(help.contains("default: 1"), help);
    assertTrue(help.contains("know only version 1"), help);
  }

  private static ProcessBuilder demo(Path log, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            java, "-cp", System.getProperty("java.class.path"), "org.cvote.server.Main", "demo"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }
}
