package org.cvote.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code cvote demo --auto} as a separate process (the server's Main on the test class path); the
 * verifier accepts its record, and so does a second, independent verifier written from the
 * specification (docs/protocol.md) alone ({@link SecondVerifier}).
 */
public class DemoProcessTest {

  @Test
  void demoAutoInItsOwnProcessWritesARecordTheVerifierAccepts() throws Exception {
    Path work = Files.createTempDirectory("cvote-demo-process");
    Path out = work.resolve("record");
    Path log = work.resolve("demo.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "org.cvote.server.Main",
                "demo",
                "--auto",
                "--voters",
                "8",
                "--subjects",
                "3",
                "--members",
                "3",
                "--threshold",
                "2",
                "--decryptors",
                "2,3",
                "--data",
                work.resolve("data").toString(),
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String text = read(log);
    assertTrue(ended, "demo did not finish:\n" + text);
    assertEquals(0, p.exitValue(), text);
    assertTrue(
        text.contains("casting ballots: 8/8"), text); // a line per tenth when not on a terminal
    assertTrue(text.contains("decrypted totals equal the simulated voters' choices"), text);
    assertTrue(Files.exists(out.resolve("record.zip")));
    assertEquals(0, PipelineTest.verify(out));
    assertEquals(0, PipelineTest.verify(out.resolve("record.zip")));
    assertTrue(Files.readString(out.resolve("decryption.json")).contains("\"members\":[2,3]"));
    // record version 2: the closing statement and both members' signatures over the same board
    // (V12)
    assertTrue(
        Files.readString(out.resolve("aggregate.json")).contains("\"version\":2,\"closing\":{"));
    assertTrue(
        Files.readString(out.resolve("decryption.json"))
            .contains("\"partials\":[{\"member\":2,\"count\":8,"));
    assertTrue(text.contains("closing statement signed: 8 ballots, board fingerprint "), text);
    // the counting report beside the record (issue 8), from the same tally
    byte[] pdf = Files.readAllBytes(out.resolve("report.pdf"));
    assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(
        html.contains("BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM") && html.contains("T/M BAN KIỂM PHIẾU"),
        html);
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      String pdfText = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      com.fasterxml.jackson.databind.JsonNode tally =
          org.cvote.testkit.http.Api.JSON.readTree(out.resolve("tally.json").toFile());
      assertTrue(
          pdfText.contains("Số phiếu thu về: " + tally.get("collected").asLong() + " phiếu."),
          pdfText);
    }
    // a second, independent implementation of docs/protocol.md accepts the same record, and can
    // fail
    SecondVerifier.accepts(out);
    SecondVerifier.accepts(out.resolve("record.zip"));
    SecondVerifier.catchesEveryChange(out);
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }
}
