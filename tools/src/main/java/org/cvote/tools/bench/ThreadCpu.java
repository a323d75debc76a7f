package org.cvote.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads, by the part of the server they belong to, read from Linux's
 * {@code /proc/<pid>/task/<tid>/stat} (thread names as the JVM sets them). It shows where the
 * server's CPU time per cast goes, JIT compilation and GC included; elsewhere than on Linux it is
 * empty.
 */
final class ThreadCpu {
  /**
   * The server's threads by their job. Virtual threads (Helidon's requests) run on the ForkJoinPool
   * carriers.
   */
  enum Part {
    PROOFS("proof checking"),
    REQUESTS("request threads"),
    BOARD("board writer"),
    JIT("JIT compilers"),
    GC("GC"),
    OTHER("other");

    final String label;

    Part(String label) {
      this.label = label;
    }

    static Part of(String thread) {
      if (thread.startsWith("proof-batch")) {
        return PROOFS;
      }
      if (thread.startsWith("ForkJoinPool")) {
        return REQUESTS;
      }
      if (thread.startsWith("board-writer")) {
        return BOARD;
      }
      if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
        return JIT;
      }
      if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
        return GC;
      }
      return OTHER;
    }
  }

  /**
   * Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every common configuration.
   */
  private static final double MS_PER_TICK = 10;

  private ThreadCpu() {}

  /** Milliseconds of CPU (user + system) per part, so far; empty when /proc cannot be read. */
  static Map<Part, Double> of(long pid) {
    Map<Part, Double> out = new EnumMap<>(Part.class);
    Path tasks = Path.of("/proc", String.valueOf(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(
          t -> {
            try {
              String stat = Files.readString(t.resolve("stat"));
              // "tid (name) state ppid …": the name may hold spaces and parentheses, so cut at the
              // last ')'
              String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
              String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              double ms =
                  (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK; // utime, stime
              out.merge(Part.of(name), ms, Double::sum);
            } catch (IOException | RuntimeException e) {
              // the thread ended between the listing and the read
            }
          });
    } catch (IOException e) {
      return new EnumMap<>(Part.class);
    }
    return out;
  }
}
