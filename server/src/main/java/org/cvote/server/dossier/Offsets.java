package org.cvote.server.dossier;

import org.cvote.server.refusal.Refusal;

/**
 * Days before the poll date of each {@link Step}'s last day. The steps come in order, so the
 * offsets never grow from one step to the next (a step may share its day with the one before it).
 */
public record Offsets(int report, int dossier, int requests, int answers, int forward) {
  /**
   * Quy định 96 as the provincial plan applies it (mục 7.3, 7.4): D−20, D−15, D−10, D−3; answers
   * forwarded on D−3.
   */
  public static final Offsets DEFAULT = new Offsets(20, 15, 10, 3, 3);

  /** The department plan's own dates (its Bước 1): D−25, D−16, D−11, D−6, D−3. */
  public static final Offsets DEPARTMENT_PLAN = new Offsets(25, 16, 11, 6, 3);

  public static final int MAX_DAYS = 180;

  /** Validated: each 0..{@value #MAX_DAYS}, in step order; the message names the field at fault. */
  public static Offsets of(
      Integer report, Integer dossier, Integer requests, Integer answers, Integer forward) {
    int[] v = {
      req(report, "report"),
      req(dossier, "dossier"),
      req(requests, "requests"),
      req(answers, "answers"),
      req(forward, "forward")
    };
    String[] names = {"report", "dossier", "requests", "answers", "forward"};
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[i - 1]) {
        throw Refusal.invalid(
            names[i],
            names[i]
                + " (D−"
                + v[i]
                + ") cannot come before "
                + names[i - 1]
                + " (D−"
                + v[i - 1]
                + "): the steps follow one another");
      }
    }
    return new Offsets(v[0], v[1], v[2], v[3], v[4]);
  }

  private static int req(Integer v, String field) {
    if (v == null) {
      throw Refusal.missing(field);
    }
    if (v < 0 || v > MAX_DAYS) {
      throw Refusal.invalid(field, "days before the poll date: 0 to " + MAX_DAYS);
    }
    return v;
  }

  public int days(Step s) {
    return switch (s) {
      case REPORT -> report;
      case DOSSIER -> dossier;
      case REQUESTS -> requests;
      case ANSWERS -> answers;
      case FORWARD -> forward;
    };
  }
}
