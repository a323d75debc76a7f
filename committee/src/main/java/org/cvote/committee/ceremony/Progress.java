package org.cvote.committee.ceremony;

/** What a member's ceremony step achieved, for the progress line. */
public record Progress(Phase phase, int attempt, String message, boolean finished, boolean failed) {
  static Progress waiting(CeremonyState s, String message) {
    return new Progress(s.phase, s.attempt, message, false, false);
  }

  @Override
  public String toString() {
    return "[" + phase + (attempt > 1 ? " attempt " + attempt : "") + "] " + message;
  }
}
