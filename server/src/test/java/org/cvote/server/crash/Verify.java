package org.cvote.server.crash;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The auditor's verifier ({@code bin/cvote-verify}) on a published record; prints its report when
 * it refuses.
 */
final class Verify {
  private Verify() {}

  static int record(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit = org.cvote.verifier.Main.run(new String[] {"--no-progress", dir.toString()}, ps, ps);
    if (exit != 0) {
      System.err.println(out.toString(StandardCharsets.UTF_8));
    }
    return exit;
  }
}
