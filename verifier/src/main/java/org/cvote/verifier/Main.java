package org.cvote.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.verifier.record.UnreadableRecordException;
import org.cvote.verifier.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cvote-verify RECORD [--json] [--receipt FILE]} and {@code cvote-verify --challenged FILE
 * (--record DIR|ZIP | --poll URL) [--expect-hash HASH|FINGERPRINT]}.
 */
@Command(
    name = "cvote-verify",
    mixinStandardHelpOptions = true,
    version = "cvote-verify 1 (protocol v1)",
    description = {
      "Checks a published cvote record (a directory or a zip) completely: V1–V11 of the protocol, and V12 (closing statement and board binding) for a version 2 record.",
      "Exit status: 0 every check passed, 1 a check failed, 2 the record (or a given file) could not be read."
    })
public final class Main implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RECORD",
      description = "record directory or zip")
  Path record;

  @Option(names = "--json", description = "write the report as JSON on standard output")
  boolean json;

  @Option(
      names = "--receipt",
      paramLabel = "RECEIPT.json",
      description = "also confirm a voter's receipt against the record")
  Path receipt;

  @Option(
      names = "--challenged",
      paramLabel = "FILE",
      description =
          "check a challenged (cast-or-audit) ballot"
              + " against the published poll (--record or --poll; RECORD also serves)")
  Path challenged;

  @Option(
      names = "--record",
      paramLabel = "DIR|ZIP",
      description =
          "with --challenged: the poll's published record,"
              + " whose recomputed Q and K the challenged ballot is checked against")
  Path pollRecord;

  @Option(
      names = "--poll",
      paramLabel = "URL",
      description =
          "with --challenged: the server's public poll route"
              + " GET /api/polls/{id} (or the server's base URL), whose Q and K the challenged ballot is checked against")
  String pollUrl;

  @Option(
      names = "--expect-hash",
      paramLabel = "HASH",
      description =
          "with --challenged: the ballot hash (hex) or its"
              + " fingerprint (XXXX-XXXX-XXXX-XXXX) the booth showed before the challenge; a different one fails")
  String expectHash;

  @Option(names = "--threads", description = "worker threads (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--naive",
      hidden = true,
      description = "one proof at a time on one thread (benchmark baseline)")
  boolean naive;

  @Option(names = "--chunk", hidden = true, description = "ballots per batch per thread")
  int chunk = 256;

  @Option(names = "--no-progress", description = "never show a progress bar")
  boolean noProgress;

  private final PrintStream out;
  private final PrintStream err;

  public Main() {
    this(System.out, System.err);
  }

  public Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintStream(System.out, true, StandardCharsets.UTF_8),
            new PrintStream(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Main(out, err));
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, c, p) -> {
          err.println("cvote-verify: internal error: " + ex);
          ex.printStackTrace(err);
          return 3;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    if (record == null && challenged == null) {
      err.println(
          "cvote-verify: give a RECORD (directory or zip) or --challenged FILE; see --help");
      return 2;
    }
    int status = 0;
    if (challenged != null) {
      status = Math.max(status, challenged());
      if (record == null) {
        return status;
      }
    } else if (pollRecord != null || pollUrl != null || expectHash != null) {
      err.println("cvote-verify: --record, --poll and --expect-hash go with --challenged FILE");
      return 2;
    }
    Receipt rc = null;
    if (receipt != null) {
      try {
        rc = Receipt.read(Files.readAllBytes(receipt));
      } catch (IOException | IllegalArgumentException e) {
        err.println("cvote-verify: cannot read the receipt " + receipt + ": " + oneLine(e));
        return 2;
      }
    }
    RecordVerifier.Options opt =
        new RecordVerifier.Options(
            Math.max(1, threads), Math.max(1, chunk), naive, !json && !noProgress && onTerminal());
    RecordVerifier.Outcome o;
    long t0 = System.nanoTime();
    try {
      o = RecordVerifier.verify(record, opt, rc == null ? -1 : rc.index());
    } catch (UnreadableRecordException e) {
      if (json) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("record", record.toString());
        n.put("exit", 2);
        n.put("unreadable", e.getMessage());
        out.println(n.toString());
      }
      err.println("cvote-verify: the record cannot be read: " + e.getMessage());
      return 2;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    List<Receipt.Line> receiptLines = rc == null ? null : rc.check(o);
    boolean receiptOk = receiptLines == null || receiptLines.stream().allMatch(Receipt.Line::ok);
    int exit = Math.max(status, o.report().passed() && receiptOk ? 0 : 1);
    if (json) {
      out.println(toJson(o, receiptLines, exit, secs));
    } else {
      printText(o, receiptLines, secs);
    }
    return exit;
  }

  /**
   * True when standard output is a terminal (JDK 22+ returns a Console even when it is not: ask
   * isTerminal()).
   */
  static boolean onTerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }

  private int challenged() {
    Challenged c = null;
    ChallengedV2 c2 =
        null; // ballot version 2 (docs/protocol.md §16.8): the file reveals "values", not "choices"
    try {
      byte[] bytes = Files.readAllBytes(challenged);
      com.fasterxml.jackson.databind.JsonNode tree = ProtocolJson.mapper().readTree(bytes);
      if (tree != null && tree.has("values")) {
        c2 = ProtocolJson.mapper().treeToValue(tree, ChallengedV2.class);
      } else {
        c = ProtocolJson.mapper().readValue(bytes, Challenged.class);
      }
    } catch (IOException e) {
      err.println(
          "cvote-verify: cannot read the challenged ballot " + challenged + ": " + oneLine(e));
      return 2;
    }
    String expected = null;
    if (expectHash != null) {
      try {
        expected = Challenged.expected(expectHash);
      } catch (IllegalArgumentException e) {
        err.println("cvote-verify: " + e.getMessage());
        return 2;
      }
    }
    Path fromRecord = pollRecord != null ? pollRecord : record;
    if ((fromRecord == null) == (pollUrl == null)) {
      err.println(
          "cvote-verify: --challenged takes Q and K from the published poll, never from the file: give"
              + " either --record DIR|ZIP (the poll's record) or --poll URL (the server's GET /api/polls/{id}), not both");
      return 2;
    }
    PublishedPoll published;
    try {
      String pollId = String.valueOf(c2 != null ? c2.poll() : c.poll());
      published =
          fromRecord != null
              ? PublishedPoll.fromRecord(fromRecord)
              : PublishedPoll.fromServer(pollUrl, pollId);
    } catch (UnreadableRecordException e) {
      err.println("cvote-verify: cannot take Q and K from the published poll: " + e.getMessage());
      return 2;
    }
    List<String> problems;
    try {
      problems = c2 != null ? c2.check(published) : c.check(published);
    } catch (IllegalArgumentException | NullPointerException e) {
      problems = List.of("the challenged ballot cannot be checked: " + e.getMessage());
    }
    org.cvote.crypto.hash.Digest hash = null;
    try {
      if (c2 != null) {
        hash = c2.ballot() == null ? null : c2.ballotHash(published);
      } else {
        hash = c.ballot() == null ? null : c.ballotHash(published);
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      problems = new java.util.ArrayList<>(problems);
      problems.add("ballot hash: cannot be computed: " + e.getMessage());
    }
    String fingerprint = hash == null ? null : Challenged.fingerprint(hash);
    List<String> revealed =
        c2 != null
            ? (c2.values() == null ? List.of() : c2.revealed(published))
            : (c.choices() == null ? List.of() : c.revealed());
    Boolean hashMatches =
        expected == null || hash == null ? null : Challenged.matches(expected, hash);
    boolean ok = problems.isEmpty() && !Boolean.FALSE.equals(hashMatches) && hash != null;
    if (json && record == null) {
      ObjectNode n = ProtocolJson.mapper().createObjectNode();
      n.put("challenged", challenged.toString());
      n.put("publishedPoll", published.source());
      n.put("Q", published.q().toHex());
      n.put("passed", ok);
      n.put("ballotHash", hash == null ? null : hash.toHex());
      n.put("fingerprint", fingerprint);
      if (expected != null) {
        n.put("expectHash", expected);
        n.put("hashMatches", hashMatches);
      }
      ArrayNode p = n.putArray("problems");
      problems.forEach(p::add);
      ArrayNode rv = n.putArray("revealed");
      revealed.forEach(rv::add);
      n.put("exit", ok ? 0 : 1);
      out.println(n.toString());
    } else if (!json) {
      out.println(
          "Challenged ballot "
              + challenged
              + " (poll "
              + (c2 != null ? c2.poll() : c.poll())
              + ")");
      out.println("  Q and K from " + published.source() + ": Q = " + published.q().toHex());
      for (int i = 0; i < revealed.size(); i++) {
        out.println("  row " + (i + 1) + ": " + revealed.get(i));
      }
      if (hash != null) {
        out.println("  Mã băm của phiếu / ballot hash: " + hash.toHex());
        out.println("  Dấu nhận dạng / fingerprint:    " + fingerprint);
        if (hashMatches == null) {
          out.println(
              "  So sánh với mã băm trình duyệt hiển thị trước khi kiểm tra / compare with what the booth"
                  + " showed before the challenge (or pass it with --expect-hash)");
        } else if (hashMatches) {
          out.println(
              "OK    the ballot hash is the one the booth showed before the challenge ("
                  + expected
                  + ")");
        } else {
          out.println(
              "FAIL  the ballot hash is NOT the one the booth showed before the challenge ("
                  + expected
                  + "):"
                  + " the booth answered the challenge with another encryption");
        }
      }
      if (problems.isEmpty()) {
        out.println(
            "PASS  every ciphertext is the encryption of the revealed choice with the revealed r under the"
                + " published K; at most one mark per row; proofs valid for the published Q");
      } else {
        out.println("FAIL  " + problems.size() + " problem(s):");
        problems.forEach(p -> out.println("      ✗ " + p));
      }
    }
    return ok ? 0 : 1;
  }

  private static String oneLine(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.toString();
    }
    int nl = m.indexOf('\n');
    return nl >= 0 ? m.substring(0, nl) : m;
  }

  private void printText(RecordVerifier.Outcome o, List<Receipt.Line> receiptLines, double secs) {
    Report r = o.report();
    out.printf("cvote-verify %s%n", record);
    out.printf(
        "poll %s — %s; %d ballots; %.1f s%n%n", r.pollId(), r.title(), o.ballots().ballots(), secs);
    for (Report.Check c : r.checks()) {
      out.printf(
          "%-4s %-4s %-72s %,d checked%s%n",
          c.id(),
          c.passed() ? "PASS" : "FAIL",
          c.id().title(),
          c.checked(),
          c.passed() ? "" : String.format(", %,d failed", c.failed()));
      for (Report.Failure f : c.failures()) {
        out.printf("          ✗ %s: %s%n", f.item(), f.message());
      }
      if (c.failed() > c.failures().size()) {
        out.printf("          … and %,d more%n", c.failed() - c.failures().size());
      }
      if (!c.note().isEmpty()) {
        out.printf("          (%s)%n", c.note());
      }
    }
    out.println();
    if (receiptLines != null) {
      out.println("Receipt " + receipt);
      for (Receipt.Line l : receiptLines) {
        out.printf("  %-4s %-14s %s%n", l.ok() ? "OK" : "FAIL", l.what(), l.detail());
      }
      out.println();
    }
    var fig = r.figures();
    if (!fig.isEmpty()) {
      out.println(
          "Kết quả lấy phiếu tín nhiệm — results (percentages of ballots collected)"
              + (r.passed()
                  ? ", proved by the record"
                  : ", AS PUBLISHED — NOT PROVED, see the failed checks above"));
      out.printf(
          "  Summoned (tổng số) %d · present (có mặt) %d · absent from the start (vắng mặt) %d%n",
          fig.get("summoned"), fig.get("present"), fig.get("absentFromStart"));
      out.printf(
          "  present at voting (có mặt khi bỏ phiếu) %d · ballots issued (phát ra) %d · ballots collected (thu về) %d%n",
          fig.get("presentAtVoting"), fig.get("issued"), fig.get("collected"));
      out.printf(
          "  %-3s %-28s %-24s %7s  %-16s %-16s %-16s %s%n",
          "#",
          "Subject",
          "Position",
          "Valid",
          "High (cao)",
          "Mid (tín nhiệm)",
          "Low (thấp)",
          "Flag");
      for (Report.ResultRow row : r.results()) {
        out.printf(
            "  %-3d %-28s %-24s %7d  %-16s %-16s %-16s %s%n",
            row.subject(),
            row.name(),
            row.position(),
            row.valid(),
            cell(row, 0),
            cell(row, 1),
            cell(row, 2),
            flagWords(row.flag()));
      }
      out.println();
    }
    out.println(
        r.passed()
            ? "RESULT: every check passed — the published tally is proved by the record."
            : "RESULT: "
                + r.checks().stream().filter(c -> !c.passed()).count()
                + " check(s) FAILED — do not trust this record.");
  }

  private static String cell(Report.ResultRow row, int j) {
    return row.counts().get(j) + " (" + row.percent().get(j) + "%)";
  }

  private static String flagWords(String flag) {
    return switch (flag) {
      case "OVER_HALF_LOW" -> "OVER_HALF_LOW (> 1/2 thấp)";
      case "TWO_THIRDS_LOW" -> "TWO_THIRDS_LOW (≥ 2/3 thấp)";
      default -> "NONE";
    };
  }

  private String toJson(
      RecordVerifier.Outcome o, List<Receipt.Line> receiptLines, int exit, double secs) {
    ObjectMapper m = ProtocolJson.mapper();
    Report r = o.report();
    ObjectNode n = m.createObjectNode();
    n.put("record", record.toString());
    n.put("poll", r.pollId());
    n.put("title", r.title());
    n.put("ballots", o.ballots().ballots());
    n.put("passed", r.passed());
    n.put("exit", exit);
    n.put("seconds", secs);
    ArrayNode checks = n.putArray("checks");
    for (Report.Check c : r.checks()) {
      ObjectNode cn = checks.addObject();
      cn.put("id", c.id().name());
      cn.put("title", c.id().title());
      cn.put("passed", c.passed());
      cn.put("checked", c.checked());
      cn.put("failed", c.failed());
      if (!c.note().isEmpty()) {
        cn.put("note", c.note());
      }
      ArrayNode fs = cn.putArray("failures");
      for (Report.Failure f : c.failures()) {
        fs.addObject().put("item", f.item()).put("message", f.message());
      }
    }
    ObjectNode figs = n.putObject("figures");
    r.figures().forEach(figs::put);
    ArrayNode res = n.putArray("results");
    for (Report.ResultRow row : r.results()) {
      ObjectNode rn = res.addObject();
      rn.put("subject", row.subject())
          .put("name", row.name())
          .put("position", row.position())
          .put("unit", row.unit())
          .put("valid", row.valid());
      ArrayNode cs = rn.putArray("counts");
      row.counts().forEach(cs::add);
      ArrayNode ps = rn.putArray("percent");
      row.percent().forEach(ps::add);
      rn.put("flag", row.flag());
    }
    if (receiptLines != null) {
      ArrayNode rl = n.putArray("receipt");
      for (Receipt.Line l : receiptLines) {
        rl.addObject().put("check", l.what()).put("ok", l.ok()).put("detail", l.detail());
      }
    }
    return n.toString();
  }
}
