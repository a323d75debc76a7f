package org.cvote.verifier.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.board.CheckId;

/**
 * The outcome of a verification: per check, how many items were checked and which failed (each
 * failure names the exact item: file and field, ballot index, subject, member). Thread-safe.
 */
public final class Report {
  /** Failures kept per check for printing; the count is always exact. */
  public static final int KEEP = 50;

  public record Failure(CheckId check, String item, String message) {
    @Override
    public String toString() {
      return check + " " + item + ": " + message;
    }
  }

  /**
   * One line of the results table (docs/domain.md §5, §6): a subject, its valid ballots, counts, %
   * of collected, flag.
   */
  public record ResultRow(
      int subject,
      String name,
      String position,
      String unit,
      long valid,
      List<Long> counts,
      List<String> percent,
      String flag) {}

  public static final class Check {
    private final CheckId id;
    private long checked;
    private long failed;
    private final List<Failure> failures = new ArrayList<>();
    private String note = "";

    Check(CheckId id) {
      this.id = id;
    }

    public CheckId id() {
      return id;
    }

    public synchronized long checked() {
      return checked;
    }

    public synchronized long failed() {
      return failed;
    }

    public synchronized boolean passed() {
      return failed == 0;
    }

    public synchronized List<Failure> failures() {
      return List.copyOf(failures);
    }

    public synchronized String note() {
      return note;
    }
  }

  private final Map<CheckId, Check> checks = new EnumMap<>(CheckId.class);
  private final List<ResultRow> results = new ArrayList<>();
  private String title = "";
  private String pollId = "";
  private final Map<String, Long> figures = new java.util.LinkedHashMap<>();

  public Report() {
    for (CheckId id : CheckId.values()) {
      checks.put(id, new Check(id));
    }
  }

  public Check check(CheckId id) {
    return checks.get(id);
  }

  public List<Check> checks() {
    return List.copyOf(checks.values());
  }

  public void count(CheckId id, long n) {
    Check c = checks.get(id);
    synchronized (c) {
      c.checked += n;
    }
  }

  public void fail(CheckId id, String item, String message) {
    Check c = checks.get(id);
    synchronized (c) {
      c.failed++;
      if (c.failures.size() < KEEP) {
        c.failures.add(new Failure(id, item, message));
      }
    }
  }

  public void note(CheckId id, String note) {
    Check c = checks.get(id);
    synchronized (c) {
      c.note = note;
    }
  }

  public boolean passed() {
    return checks.values().stream().allMatch(Check::passed);
  }

  /** Every failure kept, in check order. */
  public List<Failure> failures() {
    List<Failure> out = new ArrayList<>();
    for (Check c : checks.values()) {
      out.addAll(c.failures());
    }
    return out;
  }

  public synchronized void setPoll(String pollId, String title) {
    this.pollId = pollId;
    this.title = title;
  }

  public synchronized String pollId() {
    return pollId;
  }

  public synchronized String title() {
    return title;
  }

  public synchronized void figure(String name, long value) {
    figures.put(name, value);
  }

  public synchronized Map<String, Long> figures() {
    return new java.util.LinkedHashMap<>(figures);
  }

  public synchronized void addResult(ResultRow r) {
    results.add(r);
  }

  public synchronized List<ResultRow> results() {
    return List.copyOf(results);
  }
}
