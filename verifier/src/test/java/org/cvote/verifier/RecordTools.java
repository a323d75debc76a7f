package org.cvote.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cvote.crypto.record.RecordFiles;

/** Small helpers to edit record files in tests and to run the command line. */
final class RecordTools {
  static final ObjectMapper JSON = new ObjectMapper();

  private RecordTools() {}

  static void edit(Path dir, String file, Consumer<ObjectNode> change) {
    try {
      ObjectNode n = (ObjectNode) JSON.readTree(dir.resolve(file).toFile());
      change.accept(n);
      Files.write(dir.resolve(file), JSON.writeValueAsBytes(n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path dir) {
    try {
      return new ArrayList<>(
          Files.readAllLines(dir.resolve(RecordFiles.BALLOTS), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeLines(Path dir, List<String> lines) {
    try {
      Files.writeString(
          dir.resolve(RecordFiles.BALLOTS),
          String.join("\n", lines) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Edits ballot line k (1-based). */
  static void editBallot(Path dir, int k, Consumer<ObjectNode> change) {
    List<String> ls = lines(dir);
    try {
      ObjectNode n = (ObjectNode) JSON.readTree(ls.get(k - 1));
      change.accept(n);
      ls.set(k - 1, JSON.writeValueAsString(n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeLines(dir, ls);
  }

  record Run(int exit, String out, String err, JsonNode json) {
    /** Ids of the failed checks. */
    List<String> failed() {
      List<String> ids = new ArrayList<>();
      if (json != null && json.has("checks")) {
        for (JsonNode c : json.get("checks")) {
          if (!c.get("passed").asBoolean()) {
            ids.add(c.get("id").asText());
          }
        }
      }
      return ids;
    }

    List<String> items(String check) {
      List<String> out = new ArrayList<>();
      for (JsonNode c : json.get("checks")) {
        if (c.get("id").asText().equals(check)) {
          for (JsonNode f : c.get("failures")) {
            out.add(f.get("item").asText() + ": " + f.get("message").asText());
          }
        }
      }
      return out;
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args,
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    String out = o.toString(StandardCharsets.UTF_8);
    JsonNode json = null;
    if (List.of(args).contains("--json") && !out.isBlank()) {
      try {
        json = JSON.readTree(out);
      } catch (IOException ex) {
        throw new AssertionError("--json output is not JSON: " + out, ex);
      }
    }
    return new Run(exit, out, e.toString(StandardCharsets.UTF_8), json);
  }

  static Run verifyJson(Path record) {
    return run(record.toString(), "--json", "--threads", "2", "--chunk", "4");
  }
}
