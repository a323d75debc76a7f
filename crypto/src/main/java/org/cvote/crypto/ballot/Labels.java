package org.cvote.crypto.ballot;

/**
 * Position labels λ (docs/protocol.md §13): s&lt;i&gt;/o&lt;j&gt; for subject i option j,
 * s&lt;i&gt;/row for the row sum.
 */
public final class Labels {
  public static final int OPTIONS = 3;

  private Labels() {}

  public static String option(int subject, int option) {
    if (subject < 1 || option < 0 || option >= OPTIONS) {
      throw new IllegalArgumentException("no label for subject " + subject + " option " + option);
    }
    return "s" + subject + "/o" + option;
  }

  public static String row(int subject) {
    if (subject < 1) {
      throw new IllegalArgumentException("no label for subject " + subject);
    }
    return "s" + subject + "/row";
  }
}
